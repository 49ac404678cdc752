"""``python -m templatekit.testing``: run the fake SES API on this machine until Ctrl-C."""
from __future__ import annotations

import argparse
import sys

from .server import CONTROL_PATH, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, FakeSes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m templatekit.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: any free port; default 8765)")
    parser.add_argument("--secret-id", default=DEFAULT_SECRET_ID, help="the SecretId to accept")
    parser.add_argument("--secret-key", default=DEFAULT_SECRET_KEY, help="the SecretKey to accept")
    parser.add_argument("--approve-after", type=float, metavar="SECONDS",
                        help="approve each template this long after it was submitted (default: never; use the control URL)")
    args = parser.parse_args(argv)
    try:
        ses = FakeSes(args.secret_id, args.secret_key, port=args.port, approve_after=args.approve_after)
    except OSError as error:
        print(f"cannot listen on 127.0.0.1:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    ses.log = lambda line: print(line, file=sys.stderr, flush=True)
    key = args.secret_key if args.secret_key == DEFAULT_SECRET_KEY else "<the key given with --secret-key>"
    print(f"fake SES API on {ses.url}; in another shell:\n"
          f"  export TEMPLATEKIT_SES_ENDPOINT={ses.endpoint}\n"
          f"  export TENCENTCLOUD_SECRET_ID={args.secret_id}\n"
          f"  export TENCENTCLOUD_SECRET_KEY={key}\n"
          f"play the reviewer:\n"
          f"  curl -d '{{\"name\": \"password-reset\", \"status\": \"rejected\", \"reason\": \"...\"}}' {ses.url}{CONTROL_PATH}",
          flush=True)
    ses.start()
    try:
        ses._thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        ses.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
