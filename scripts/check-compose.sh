#!/usr/bin/env bash
# Checks compose/ without a Docker engine, so that the deployment files cannot go stale:
#   1. the compose file validates and resolves (`docker-compose config`);
#   2. every environment variable it gives one of our services (those with `build:`) is read by
#      that service's code: the string literal "NAME" (as in `EnvironmentDefault.string("NAME", ...)`
#      or a helper that takes the name) in code, not comments, of Sources/<Executable> or Sources/Shared;
#   3. the load balancer's servers are services of the file, on the ports those services listen
#      on, and every replica of ours is behind it.
# Exits non-zero with one line per problem.
#
#   scripts/check-compose.sh [compose-file]    # default compose/docker-compose.yml
set -euo pipefail
cd "$(dirname "$0")/.."

file=${1:-compose/docker-compose.yml}
fail() { echo "check-compose: $*" >&2; exit 1; }
command -v docker-compose >/dev/null || fail "docker-compose not found (scripts/setup.sh installs it)"
command -v python3 >/dev/null || fail "python3 not found"
[ -f "$file" ] || fail "no compose file at $file"

# Required variables get a placeholder: this checks the file, not a deployment's settings.
export SESSION_SECRET=${SESSION_SECRET:-check-compose-placeholder-secret}
resolved=$(mktemp)
trap 'rm -f "$resolved"' EXIT
if ! docker-compose -f "$file" config > "$resolved" 2> "$resolved.err"; then
  cat "$resolved.err" >&2; rm -f "$resolved.err"
  fail "$file does not validate (docker-compose config failed)"
fi
rm -f "$resolved.err"

python3 - "$resolved" <<'PY'
import glob, os, re, sys
import yaml  # python3-yaml, a dependency of Debian's docker-compose

config = yaml.safe_load(open(sys.argv[1]))
services = config.get("services") or {}
problems = []
executables = {"CommandService", "QueryService"}
port_variable = {"CommandService": "COMMAND_PORT", "QueryService": "QUERY_PORT"}
# Other ports a service listens on, which the balancer may also forward to.
extra_port_variables = {"CommandService": [], "QueryService": ["GRPC_PORT"]}

def sources(executable):
    """The code of the executable and of Shared, without comment lines (doc comments name variables too)."""
    files = glob.glob(f"Sources/{executable}/**/*.swift", recursive=True) + glob.glob("Sources/Shared/**/*.swift", recursive=True)
    lines = (line for path in files for line in open(path, encoding="utf-8"))
    return "".join(line for line in lines if not line.lstrip().startswith("//"))

def environment(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {name: "" if value is None else str(value) for name, value in env.items()}

ours = {}
for name, service in sorted(services.items()):
    if "build" not in service:
        continue
    command = service.get("command") or []
    command = command.split() if isinstance(command, str) else command
    executable = command[0] if command else ""
    if executable not in executables:
        problems.append(f"service {name}: command must start with one of {sorted(executables)}, got {executable!r}")
        continue
    ours[name] = (executable, environment(service))

read_cache = {}
for name, (executable, env) in ours.items():
    code = read_cache.setdefault(executable, sources(executable))
    for variable in sorted(env):
        if f'"{variable}"' not in code:
            problems.append(f"service {name} sets {variable}, but {executable} never reads it "
                            f"(no string literal \"{variable}\" in the code of Sources/{executable} or Sources/Shared)")
    url = env.get("COMMAND_SERVICE_URL")
    if url:
        host = re.sub(r"^\w+://", "", url).split(":")[0].split("/")[0]
        if host not in services:
            problems.append(f"service {name}: COMMAND_SERVICE_URL points at {host!r}, which is not a service")

# The balancer: its config file is the one mounted as haproxy.cfg.
configs = [volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
           for service in services.values() for volume in service.get("volumes") or []]
configs = [path for path in configs if path.endswith("haproxy.cfg")]
if len(configs) != 1:
    problems.append(f"expected one mounted haproxy.cfg, found {configs}")
else:
    servers = re.findall(r"^\s*server\s+\S+\s+([\w.-]+):(\d+)", open(configs[0]).read(), re.M)
    behind = set()
    for host, port in servers:
        if host not in ours:
            problems.append(f"haproxy.cfg: server {host}:{port} is not one of our services")
            continue
        executable, env = ours[host]
        expected = env.get(port_variable[executable])
        listening = {expected} | {env.get(name) for name in extra_port_variables[executable]}
        if port not in listening:
            problems.append(f"haproxy.cfg: server {host}:{port}, but {host} listens on {port_variable[executable]}={expected}")
        behind.add(host)
    for name in sorted(set(ours) - behind):
        problems.append(f"service {name} is not behind the load balancer (no server line in haproxy.cfg)")

for problem in problems:
    print(f"check-compose: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
variables = sorted({variable for _, env in ours.values() for variable in env})
print(f"check-compose: OK: {len(services)} services; {len(ours)} of ours read all of {', '.join(variables)}")
PY
