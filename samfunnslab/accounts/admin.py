from __future__ import annotations

from django.contrib import admin

from samfunnslab.accounts.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality_code")
    inlines = [MembershipInline]
