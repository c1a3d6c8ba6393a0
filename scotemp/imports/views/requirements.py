"""The operator's pages for China's import requirements: the list, add and edit. Everybody else gets
404, like the other operator pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from scotemp.core.permissions import is_operator

from ..actions import save_requirement
from ..forms import RequirementForm
from ..models import ImportRequirement


def _operator(request):
    if not is_operator(request.user):
        raise Http404


def requirements(request):
    _operator(request)
    rows = list(ImportRequirement.objects.order_by("hs_scope", "kind", "key"))
    return render(request, "imports/requirements/list.html", {"requirements": rows})


def requirement_edit(request, pk=None):
    _operator(request)
    requirement = get_object_or_404(ImportRequirement, pk=pk) if pk is not None else None
    form = RequirementForm(request.POST or None, instance=requirement)
    if request.method == "POST":
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in form.fields}
            save_requirement(request.user, values, ImportRequirement.objects.get(pk=pk) if pk else None)
            messages.success(request, _("Import requirement saved."))
            return redirect("imports:requirements")
        status = 400
    else:
        status = 200
    return render(
        request, "imports/requirements/form.html", {"form": form, "requirement": requirement}, status=status
    )


urlpatterns = [
    path("requirements/", requirements, name="requirements"),
    path("requirements/new/", requirement_edit, name="requirement_new"),
    path("requirements/<int:pk>/edit/", requirement_edit, name="requirement_edit"),
]
