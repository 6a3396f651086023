"""The API's documentation as a plain page: the OpenAPI schema's operations, no script from elsewhere."""

from django.shortcuts import render
from django.urls import reverse

from .schema import built_schema

METHODS = ("get", "post", "put", "patch", "delete")


def operations() -> list[dict]:
    schema = built_schema()
    found = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            if operation := item.get(method):
                found.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": (operation.get("description") or "").strip().split("\n\n")[0],
                        "parameters": [p["name"] for p in operation.get("parameters", [])],
                    }
                )
    return found


def docs(request):
    context = {
        "operations": operations(),
        "schema_url": reverse("api:schema"),
        "open311_url": reverse("api:open311-discovery", kwargs={"format": "json"}),
    }
    return render(request, "api/docs.html", context)
