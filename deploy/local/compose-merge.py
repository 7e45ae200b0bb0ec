#!/usr/bin/env python3
"""Merges compose files as Docker Compose does, for Debian's podman-compose 1.0.3, which predates `!override`
(it would append the demo's 127.0.0.1 port to the default one). Relative bind-mount paths become absolute (from
the first file's folder) and `build` sections go: the images are built beforehand.
    compose-merge.py OUT FILE...
"""
import json, os, sys
import yaml

class Override:
    def __init__(self, value):
        self.value = value

class Loader(yaml.SafeLoader):
    pass

def construct_override(loader, node):
    if isinstance(node, yaml.SequenceNode):
        return Override(loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return Override(loader.construct_mapping(node, deep=True))
    return Override(loader.construct_scalar(node))

Loader.add_constructor("!override", construct_override)

def merge(target, source):
    for key, value in source.items():
        if isinstance(value, Override):
            target[key] = value.value
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        elif isinstance(value, list) and isinstance(target.get(key), list):
            target[key] = target[key] + value
        else:
            target[key] = value
    return target

out, files = sys.argv[1], sys.argv[2:]
base = os.path.dirname(os.path.abspath(files[0]))
merged = {}
for path in files:
    with open(path) as f:
        merge(merged, yaml.load(f, Loader=Loader) or {})
merged = {k: v for k, v in merged.items() if not k.startswith("x-")}
for service in merged.get("services", {}).values():
    service.pop("build", None)
    service["volumes"] = [
        os.path.normpath(os.path.join(base, v.split(":", 1)[0])) + ":" + v.split(":", 1)[1] if v.startswith(".") else v
        for v in service.get("volumes", [])
    ]
    if not service["volumes"]:
        del service["volumes"]
with open(out, "w") as f:
    json.dump(merged, f, indent=2)
