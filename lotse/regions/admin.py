from django.contrib import admin

from lotse.regions.models import District, Municipality, SocialArea


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["ags", "name", "kind"]
    exclude = ["boundary"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["ags", "name", "district", "merged_note"]
    list_filter = ["district"]
    search_fields = ["name", "ags"]
    exclude = ["boundary"]


@admin.register(SocialArea)
class SocialAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]
    filter_horizontal = ["municipalities"]
