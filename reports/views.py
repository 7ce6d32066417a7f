from django.shortcuts import render

from sus.screens import screen_required


@screen_required("reports:standard")
def standard_report(request):
    return render(request, "reports/standard.html")


@screen_required("reports:participants")
def participant_report(request):
    return render(request, "reports/participants.html")
