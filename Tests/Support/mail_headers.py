#!/usr/bin/env python3
"""Reads each mail file named after the output file on the command line as Python's email package does (policy
default, headers only) and prints one JSON object per file: what iid's header parser is held to
by the differential test. Control characters are removed from text as iid removes them; a field
Python reports defects on is given as null ("no reference"), since Python then guesses."""
import json
import re
import sys
from email import policy
from email.parser import BytesParser

CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text):
    text = SURROGATE.sub("\ufffd", text)
    return CONTROL.sub("", text).replace("\t", " ")


def addresses(msg, name):
    out = []
    for value in msg.get_all(name) or []:
        if value.defects:
            return None
        for a in value.addresses:
            out.append({"name": clean(a.display_name), "address": clean(a.addr_spec)})
    return out


def one(path):
    with open(path, "rb") as f:
        msg = BytesParser(policy=policy.default).parse(f, headersonly=True)
    result = {"file": path.rsplit("/", 1)[-1]}
    try:
        subject = msg["subject"]
        result["subject"] = None if subject is None else clean(str(subject))
    except Exception:
        result["subject"] = None
    for name in ["from", "to", "cc"]:
        try:
            result[name] = addresses(msg, name)
        except Exception:
            result[name] = None
    try:
        date = msg["date"]
        if date is None or date.defects or date.datetime is None:
            result["date"] = None
        else:
            d = date.datetime
            if d.tzinfo is None:
                from datetime import timezone

                d = d.replace(tzinfo=timezone.utc)
            result["date"] = int(d.timestamp())
    except Exception:
        result["date"] = None
    try:
        mid = msg["message-id"]
        result["message_id"] = None if mid is None or mid.defects else str(mid).strip().strip("<>").strip()
    except Exception:
        result["message_id"] = None
    result["names"] = [clean(k).lower() for k in msg.keys()]
    return result


if __name__ == "__main__":
    # mail_headers.py OUT FILE...: the JSON goes to OUT (it can be larger than a pipe's reader keeps).
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump([one(p) for p in sys.argv[2:]], out, ensure_ascii=False)
