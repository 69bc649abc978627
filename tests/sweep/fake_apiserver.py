"""A fake Kubernetes API server that only answers discovery (batch/v1 jobs), so that
`kubectl create --dry-run=client` can map the kind without a cluster. Nothing is created:
client-side dry run never sends the object."""
import http.server
import json
import threading

DISCOVERY = {
    "/api": {"kind": "APIVersions", "versions": ["v1"],
             "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]},
    "/api/v1": {"kind": "APIResourceList", "groupVersion": "v1", "resources": []},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": "batch", "versions": [{"groupVersion": "batch/v1", "version": "v1"}],
         "preferredVersion": {"groupVersion": "batch/v1", "version": "v1"}}]},
    "/apis/batch/v1": {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "batch/v1",
                       "resources": [{"name": "jobs", "singularName": "job", "namespaced": True,
                                      "kind": "Job", "verbs": ["create", "delete", "get", "list",
                                                               "patch", "update", "watch"]}]},
    "/version": {"major": "1", "minor": "32", "gitVersion": "v1.32.0"},
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = DISCOVERY.get(self.path.split("?")[0])
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        data = json.dumps(body if body is not None else {"kind": "Status", "code": 404}).encode()
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def start():
    """Starts the server on a free port; returns (server, "http://127.0.0.1:PORT")."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}"
