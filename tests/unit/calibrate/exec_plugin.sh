#!/bin/sh
# A test exec credential plugin: prints an ExecCredential of the apiVersion that
# KUBERNETES_EXEC_INFO asks for. Usage: exec_plugin.sh token TOKEN | cert CERT_FILE KEY_FILE
#                                       | fail | garbage | echo-info
info="$KUBERNETES_EXEC_INFO"
api=$(printf '%s' "$info" | sed -n 's/.*"apiVersion":"\([^"]*\)".*/\1/p')
case "$1" in
  token)
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"}}\n' "$api" "$2" ;;
  cert)
    cert=$(awk '{printf "%s\\n", $0}' "$2")
    key=$(awk '{printf "%s\\n", $0}' "$3")
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"clientCertificateData":"%s","clientKeyData":"%s"}}\n' \
      "$api" "$cert" "$key" ;;
  fail)
    echo "exec_plugin.sh: failing on purpose" >&2
    printf '{"status":{"token":"%s"}}\n' "$2"
    exit 3 ;;
  garbage)
    printf 'not json %s\n' "$2" ;;
  echo-info)
    # The token is the environment the plugin saw (for the unit test of the environment).
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s|%s"}}\n' \
      "$api" "$FLEETSIM_TEST_VAR" "$(printf '%s' "$info" | tr -d '"')" ;;
esac
