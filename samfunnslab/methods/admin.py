"""Read-mostly admin: steps come from content files, so they are shown but not edited here."""

from __future__ import annotations

from django.contrib import admin

from samfunnslab.methods.models import MethodStep, Process, ProcessEvaluation, ProcessItem


@admin.register(MethodStep)
class MethodStepAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "phase", "minutes", "participants_min", "participants_max")
    list_filter = ("phase",)
    search_fields = ("name", "purpose")

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


class ProcessItemInline(admin.TabularInline):
    model = ProcessItem
    extra = 0


@admin.register(Process)
class ProcessAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "is_template", "is_example", "version")
    list_filter = ("is_template", "is_example")
    search_fields = ("name",)
    inlines = [ProcessItemInline]


@admin.register(ProcessEvaluation)
class ProcessEvaluationAdmin(admin.ModelAdmin):
    list_display = ("process", "version", "held_on", "participants", "created_at")
