#!/usr/bin/env python3
"""Validates response bodies against an OpenAPI 3.0 document file, independently of the Swift code.

Usage: openapi_body_check.py DOCUMENT.json < CASES.jsonl
Each input line is {"operation": operationId, "status": S, "body": <parsed JSON body>}.
The document itself is validated first (openapi-spec-validator). Prints one JSON line per case:
{"operation", "status", "ok", "error"}; exits 1 if any failed.
"""
import json
import sys

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from openapi_support import resolve


def operation(document, operation_id):
    for item in document["paths"].values():
        for candidate in item.values():
            if isinstance(candidate, dict) and candidate.get("operationId") == operation_id:
                return candidate
    return None


def main():
    with open(sys.argv[1]) as handle:
        document = json.load(handle)
    validate_spec(document)
    failed = False
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        result = {"operation": case["operation"], "status": case["status"], "ok": True, "error": None}
        try:
            found = operation(document, case["operation"])
            if found is None:
                raise ValueError("unknown operation")
            response = resolve(document, found["responses"].get(str(case["status"])))
            if response is None:
                raise ValueError(f"status {case['status']} is not documented")
            schema = dict(document)
            schema.update(response["content"]["application/json"]["schema"])
            OAS30Validator(schema).validate(case["body"])
        except Exception as error:  # every failure is reported as data
            result["ok"] = False
            result["error"] = str(error)[:500]
            failed = True
        print(json.dumps(result), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
