#!/usr/bin/env python3
"""Checks a node's REST responses against its own OpenAPI document, independently of the Swift code.

Usage: openapi_check.py BASE_URL PATH[@STATUS] ...

Fetches BASE_URL/api/openapi.json, validates it as an OpenAPI 3.0 document
(openapi-spec-validator), then GETs every PATH, expects STATUS (default 200), finds the
operation whose path template matches, and validates the JSON body against the schema the
document gives for that status (openapi-schema-validator, OpenAPI 3.0 dialect).
Prints one JSON line per check: {"path", "status", "ok", "error"}; exits 1 if any failed.
"""
import json
import re
import sys
import urllib.error
import urllib.request

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from openapi_support import resolve


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def operation_for(document, path):
    bare = path.split("?", 1)[0]
    for template, item in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^/]+\}", "[^/]+", template) + "$"
        if re.match(pattern, bare):
            return item["get"]
    return None


def main():
    base = sys.argv[1].rstrip("/")
    status, body = fetch(base + "/api/openapi.json")
    document = json.loads(body)
    validate_spec(document)
    failed = False
    for argument in sys.argv[2:]:
        path, _, expected = argument.partition("@")
        expected = int(expected or 200)
        status, body = fetch(base + path)
        result = {"path": path, "status": status, "ok": True, "error": None}
        try:
            if status != expected:
                raise ValueError(f"expected status {expected}")
            operation = operation_for(document, path)
            if operation is None:
                raise ValueError("no operation in the document for this path")
            response = resolve(document, operation["responses"].get(str(status)))
            if response is None:
                raise ValueError(f"status {status} is not documented")
            schema = dict(document)
            schema.update(response["content"]["application/json"]["schema"])
            OAS30Validator(schema).validate(json.loads(body))
        except Exception as error:  # report every failure as data, keep checking the rest
            result["ok"] = False
            result["error"] = str(error)[:500]
            failed = True
        print(json.dumps(result), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
