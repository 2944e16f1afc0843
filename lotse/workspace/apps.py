from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "lotse.workspace"
    label = "workspace"
