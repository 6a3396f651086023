from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import Notification
from .services import mark_read

PAGE = 50


@login_required
def inbox(request):
    notices = list(Notification.objects.filter(user=request.user)[:PAGE])
    return render(request, "notifications/inbox.html", {"notices": notices})


@login_required
@require_POST
def read_all(request):
    mark_read(user=request.user)
    return redirect("notifications:inbox")
