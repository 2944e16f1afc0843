from django.apps import AppConfig


class LotseConfig(AppConfig):
    """The project package: base templates, static files and project-wide checks."""

    name = "lotse"

    def ready(self) -> None:
        from lotse.core import checks  # noqa: F401  (registers the deploy checks)
