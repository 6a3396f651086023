"""django-allauth's adapter: where allauth stores and looks up mobile numbers, and sends codes."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext as _
from phonenumber_field.formfields import PhoneNumberField

from .models import User
from .phones import normalize_mainland_mobile
from .sms import send_sms


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        kwargs.setdefault("region", "CN")
        kwargs.pop("widget", None)
        return PhoneNumberField(
            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}), **kwargs
        )

    def clean_phone(self, phone) -> str:
        return normalize_mainland_mobile(str(phone))

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
        return User.objects.filter(phone=phone).order_by("pk").first()
