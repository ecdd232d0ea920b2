#!/usr/bin/env bash
# Regenerates Sources/IIDCore/Config/DefaultConfigText.swift from config/iid.yaml (the two must be
# identical; ConfigParserTests checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo '/// The built-in default configuration text; `config/iid.yaml` is the same text (a test checks it).'
  echo '/// Regenerate with scripts/gen-default-config.sh after editing config/iid.yaml.'
  echo 'public enum DefaultConfigText {'
  echo '    public static let yaml = #"""'
  cat config/iid.yaml
  echo ''
  echo '"""#'
  echo '}'
} > Sources/IIDCore/Config/DefaultConfigText.swift
