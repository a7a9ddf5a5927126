"""Helpers shared by the OpenAPI checkers (openapi_check.py, openapi_body_check.py)."""


def resolve(document, node):
    """Follows local `$ref`s (`#/components/...`) until `node` is a plain schema or object."""
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node
