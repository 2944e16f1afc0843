"""A form sent from a page that redirects back (a workflow step, an upload) has no page of
its own to show its errors on: they become messages on the page it returns to."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest


def say_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """One error message per problem of the (invalid) form, in field order."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
