"""POST /api/v1/hotline/orders/: the city's 12345 platform sends an order down. It authenticates as
an `ApiClient` marked to send city orders (`Authorization: Client <api_key>`), and reaches only the
places below the client's own. The same order number again updates its order."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.hotline.services import Outcome, city_order_receive

from ..authentication import ClientKeyAuthentication
from ..models import ApiClient
from . import hotline_serializers as s
from .base import ApiMixin
from .errors import ErrorSerializer


class SendsCityOrders(permissions.BasePermission):
    message = _("Only the 12345 hotline's client may send city orders.")

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiClient) and request.auth.sends_city_orders


class CityOrderReceive(ApiMixin, APIView):
    authentication_classes = [ClientKeyAuthentication]
    permission_classes = [SendsCityOrders]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        request=s.CityOrderInSerializer,
        responses={201: s.CityOrderOutSerializer, 200: s.CityOrderOutSerializer, 400: ErrorSerializer},
    )
    def post(self, request):
        incoming = s.CityOrderInSerializer(data=request.data, context={"client": request.auth})
        incoming.is_valid(raise_exception=True)
        order, outcome = city_order_receive(values=incoming.values())
        answer = s.CityOrderOutSerializer(
            {"number": order.number, "report": order.report, "outcome": outcome}
        )
        return Response(answer.data, status=status.HTTP_201_CREATED if outcome == Outcome.CREATED else 200)
