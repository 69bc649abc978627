#!/usr/bin/env python3
"""scripts/report writes a self-contained report.html for a run and for a sweep, and headless
Chromium renders it: every plot is an embedded PNG that decodes (naturalWidth > 0 after
load), no external resource, the sweep's recommendation sentence is at the top.
Usage: check_report.py FLEETSIM [SCREENSHOT_DIR]   (without chromium: exit 77, skipped)"""
import base64
import os
import re
import shutil
import subprocess
import sys

from common import load, run, tmpdir

exe = sys.argv[1]
shots = sys.argv[2] if len(sys.argv) > 2 else None
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
t = tmpdir()
fails = 0


def fail(msg):
    global fails
    print("FAIL " + msg)
    fails += 1


CHECK = """<script>
window.addEventListener('load', () => {
  const imgs = [...document.images];
  const broken = imgs.filter(i => !i.complete || i.naturalWidth === 0).length;
  const el = document.createElement('div');
  el.id = 'render-check';
  el.textContent = 'images=' + imgs.length + ' broken=' + broken;
  document.body.appendChild(el);
});
</script>"""


def render(report, name, min_plots):
    text = open(report).read()
    srcs = re.findall(r'<img[^>]* src="([^"]*)"', text)
    if len(srcs) < min_plots:
        fail(f"{name}: {len(srcs)} plots, expected >= {min_plots}")
    for s in srcs:
        if not s.startswith("data:image/png;base64,"):
            fail(f"{name}: an image is not embedded: {s[:60]}")
        elif not base64.b64decode(s.split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n"):
            fail(f"{name}: an embedded image is not a PNG")
    if re.search(r'(src|href)="(https?:|//)', text):
        fail(f"{name}: refers to an external resource")
    if not chromium:
        return None
    probe = os.path.join(t, name + "-probe.html")
    with open(probe, "w") as f:
        f.write(text.replace("</body>", CHECK + "</body>"))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--virtual-time-budget=5000"]
    prof = tmpdir()
    p = subprocess.run([chromium] + flags + [f"--user-data-dir={prof}", "--dump-dom", "file://" + probe],
                       capture_output=True, text=True, timeout=180)
    m = re.search(r'id="render-check">images=(\d+) broken=(\d+)<', p.stdout)
    if p.returncode != 0 or not m:
        fail(f"{name}: chromium --dump-dom exit {p.returncode}, no render check in the DOM; {p.stderr[-500:]}")
    elif int(m.group(1)) != len(srcs) or int(m.group(2)) != 0:
        fail(f"{name}: chromium sees {m.group(1)} images, {m.group(2)} broken (file has {len(srcs)})")
    else:
        print(f"ok   {name}: chromium rendered {m.group(1)} images, none broken")
    if shots:
        os.makedirs(shots, exist_ok=True)
        shot = os.path.join(shots, name + ".png")
        subprocess.run([chromium] + flags + [f"--user-data-dir={tmpdir()}", "--window-size=1200,1600",
                        f"--screenshot={shot}", "file://" + os.path.abspath(report)],
                       capture_output=True, timeout=180)
        print(f"     screenshot {shot}")
    shutil.rmtree(prof, ignore_errors=True)
    return p.stdout


# A run.
rd = os.path.join(t, "run")
run([exe, "run", "scenarios/examples/fleet-sync.json", "--out", rd, "--quiet"])
p = run(["scripts/report", rd])
if p.stdout.strip() != os.path.join(rd, "report.html"):
    fail(f"scripts/report printed {p.stdout!r}")
dom = render(os.path.join(rd, "report.html"), "run-report", 3)
if dom is not None and "queue depth" not in dom:
    fail("run report: no queue depth plot")
# A Howso run: trainees and nodes over time, the dependent services' queues.
hd = os.path.join(t, "howso")
run([exe, "run", "scenarios/howso/dependent-services-undersized.json", "--out", hd, "--quiet"])
run(["scripts/report", hd])
render(os.path.join(hd, "report.html"), "howso-report", 3)
howso_text = open(os.path.join(hd, "report.html")).read()
for title in ("Nodes, pods and replicas", "Dependent services"):
    if f"<h2>{title}</h2>" not in howso_text:
        fail(f"howso report: no {title} plot")
# A sweep.
sd = os.path.join(t, "sweep")
run([exe, "sweep", "tests/sweep/data/small-grid.json", "--out", sd, "--quiet"])
run(["scripts/report", sd])
j = load(sd)
dom = render(os.path.join(sd, "report.html"), "sweep-report", 2 * len(j["parameters"]))
html_text = open(os.path.join(sd, "report.html")).read()
first_p = re.search(r"<p[^>]*>(.*?)</p>", html_text).group(1)
if j["answer"] is None or "The cheapest configuration that meets" not in first_p:
    fail(f"sweep report: the first paragraph is not the recommendation: {first_p!r}")
else:
    print(f"ok   sweep report opens with: {first_p}")
shutil.rmtree(t)
if not chromium:
    print("SKIP chromium is not installed (Debian package chromium): rendering not checked")
    sys.exit(77 if not fails else 1)
sys.exit(1 if fails else 0)
