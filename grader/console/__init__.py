"""The instructor's console (`gc100 serve`): grading by question, the roster, statistics."""

from __future__ import annotations

import argparse
import threading


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio

    from grader.cli import console
    from grader.console.app import make_app
    from grader.course import load_course
    from grader.gradebook import Gradebook

    course = load_course(args.course, args.db)
    gradebook = Gradebook(course.db_url)
    if not gradebook.users():
        console.print("[yellow]no accounts yet: add one with "
                      "`gc100 user add NAME --role instructor`[/]")
    app = make_app(course, gradebook)
    from grader.console.pages import prefetch

    threading.Thread(target=prefetch, args=(course,), name="gc100-prefetch", daemon=True).start()

    async def serve() -> None:
        server = app.listen(args.port, address=args.ip, xheaders=False)
        port = next(iter(server._sockets.values())).getsockname()[1]
        host = f"[{args.ip}]" if ":" in args.ip else args.ip
        console.print(f"gc100 console at http://{host}:{port}/ (Ctrl+C stops it)", highlight=False)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
    finally:
        gradebook.close()
    return 0


def register(sub) -> None:
    p = sub.add_parser("serve", help="the instructor's console in a web page: grade by question, "
                       "roster, statistics")
    p.add_argument("--port", type=int, default=8100, help="port (default 8100; 0 takes a free one)")
    p.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.set_defaults(func=cmd_serve)
