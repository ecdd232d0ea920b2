"""Setting up: building iid, compiling the recorder and the floor, installing the peers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Optional

from .context import BENCH, REPO, SCRATCH, SCRATCH_STATIC, Bins
from .util import log, sh


def build(static: bool) -> Bins:
    """A release build in its own scratch path, so that it never disturbs a debug build in .build."""
    scratch = SCRATCH_STATIC if static else SCRATCH
    argv = ["swift", "build", "-c", "release", "--scratch-path", scratch]
    if static:
        argv.append("--static-swift-stdlib")
    log("building: " + " ".join(argv))
    r = subprocess.run(argv, cwd=REPO, text=True, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout[-4000:] + r.stderr[-4000:])
        raise SystemExit("swift build failed")
    bindir = sh(argv + ["--show-bin-path"], cwd=REPO).stdout.strip()
    return {"iid": os.path.join(bindir, "iid"), "iictl": os.path.join(bindir, "iictl"), "build": " ".join(argv)}


def prebuilt(static: bool) -> Optional[Bins]:
    """The binaries an earlier build left (--skip-build); None for a static build that was never made."""
    if not static:
        bindir = os.path.join(REPO, SCRATCH, "release")
        return {"iid": os.path.join(bindir, "iid"), "iictl": os.path.join(bindir, "iictl"),
                "build": f"swift build -c release --scratch-path {SCRATCH}"}
    bindir = os.path.join(REPO, SCRATCH_STATIC, "release")
    if not os.path.exists(os.path.join(bindir, "iid")):
        return None
    return {"iid": os.path.join(bindir, "iid"), "iictl": os.path.join(bindir, "iictl"),
            "build": f"swift build -c release --scratch-path {SCRATCH_STATIC} "
                     "--static-swift-stdlib"}


def compile_c(work: str) -> dict[str, str]:
    out = {}
    for name in ("recorder", "floor"):
        exe = os.path.join(work, name)
        src = os.path.join(BENCH, name + ".c")
        r = subprocess.run(["cc", "-O2", "-static", "-o", exe, src], capture_output=True, text=True)
        if r.returncode != 0:  # no static libc: a dynamic one still works, a little slower to start
            sh(["cc", "-O2", "-o", exe, src])
        out[name] = exe
    return out


PEER_PACKAGES = {"remind": "remind", "calcurse": "calcurse", "at": "at"}


def ensure_peers() -> dict[str, str]:
    """Installs the missing peers from Debian's packages; their versions, for the table's header."""
    missing = [pkg for exe, pkg in PEER_PACKAGES.items() if not shutil.which(exe)]
    if not os.path.exists("/usr/sbin/atd") and "at" not in missing:
        missing.append("at")
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"the peers need installing ({' '.join(missing)}): run as root, or use --quick")
        log("installing from Debian's packages: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    versions = {}
    for pkg in PEER_PACKAGES.values():
        r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True, text=True)
        versions[pkg] = r.stdout.strip() or "?"
    return versions
