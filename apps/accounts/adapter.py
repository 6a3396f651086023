"""django-allauth's adapter: where allauth stores and looks up mobile numbers, and sends codes."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import User
from .phones import normalize_mainland_mobile
from .sms import send_sms


class MainlandMobileField(forms.CharField):
    """A mobile-number input that cleans to +86… (E.164), or says what is wrong in the user's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Mobile number"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "placeholder": "138 0000 0000"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_mainland_mobile(value) if value else value


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        return MainlandMobileField(**kwargs)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        send_sms(phone=phone, text=_("Your Gongzhi verification code is %(code)s.") % {"code": code})

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone, user.phone_verified = phone, verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        return (str(user.phone), user.phone_verified) if user.phone else None

    def set_phone_verified(self, user, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str):
        try:
            number = normalize_mainland_mobile(str(phone))
        except ValidationError:
            return None
        return User.objects.filter(phone=number).order_by("pk").first()
