"""``futurevuls-ext exposure``: decide SSVC exposure from Amazon Inspector findings, preview, apply, revert.

Without ``--apply`` nothing is written: the command prints each covered server's decision (open /
controlled / no change, with ports and network path), the role moves applying would make, and (unless
``--no-what-if``) the tasks whose SSVC priority would change. With ``--apply`` the open servers move
into ``--role-name`` (controlled ones into ``--controlled-role-name`` when given) and every move is
recorded in a revert file; ``--revert FILE`` moves the servers back.

Exit codes: 0 ok, 1 a server could not be moved, 2 usage/config (e.g. unknown role), 3 unreadable
findings, 4 API error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._printable import printable
from ._args import positive_int
from ._common import EXIT_FAILED, EXIT_OK, add_command, add_common_options, make_client, print_json

if TYPE_CHECKING:
    from ..exposure import ExposureApplyResult, ExposurePlan, WhatIfResult

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``exposure`` command."""
    parser = add_command(
        subparsers,
        "exposure",
        "decide SSVC exposure from Inspector findings; move servers into the exposure role",
        __doc__,
    )
    parser.add_argument("findings", nargs="?", metavar="FINDINGS.json", help="Amazon Inspector v2 findings")
    parser.add_argument(
        "--role-name", default="Internet-Facing", help="role for open servers (default: Internet-Facing)"
    )
    parser.add_argument(
        "--controlled-role-name", metavar="NAME", help="role for controlled servers (default: they stay)"
    )
    parser.add_argument(
        "--external-scans",
        action="store_true",
        help="also count servers with an 'exposed externally' scan result as open",
    )
    parser.add_argument("--apply", action="store_true", help="move the servers (default: preview only)")
    parser.add_argument(
        "--state-file",
        metavar="FILE",
        help="revert file to write with --apply (default: exposure-revert-<time>.json)",
    )
    parser.add_argument("--revert", metavar="FILE", help="move the servers of a revert file back")
    parser.add_argument("--force", action="store_true", help="with --revert: also servers moved since")
    parser.add_argument("--no-what-if", action="store_true", help="skip the SSVC priority preview")
    parser.add_argument(
        "--concurrency", type=positive_int, default=8, metavar="N", help="parallel requests (default 8)"
    )
    add_common_options(parser, api=True)
    parser.set_defaults(func=run)


def _default_state_file() -> str:
    from ..exposure._state_file import default_state_file_name

    return default_state_file_name()


NO_EC2 = (
    "no EC2 instance in the findings: nothing to decide (findings on other resources, such as container "
    "images or Lambda functions, say nothing about a server's exposure)"
)


def _print_plan(plan: ExposurePlan) -> None:
    if not plan.decisions and not plan.unmatched:
        print(NO_EC2)
    for d in plan.decisions:
        label = "no change" if d.exposure is None else d.exposure.value
        print(
            f"{label:<11} {printable(d.server_name)} ({d.server_id}) role {d.role_name!r}: "
            f"{printable(d.reason)}"
        )
    for u in plan.unmatched:
        print(
            f"unmatched   {printable(u.instance_id)} [{printable(', '.join(sorted(u.ip_addresses)))}]: "
            f"{printable(u.reason)}"
        )
    for w in plan.warnings:
        print(f"warning: {printable(w)}")


def _print_result(result: ExposureApplyResult) -> None:
    for o in result.outcomes:
        m = o.move
        if o.status == "unchanged":  # nothing to move: say where it is, not a move that did not happen
            print(
                f"{o.status:<9} {printable(m.server_name)} ({m.server_id}): "
                f"already in role {m.to_role_name!r}"
            )
            continue
        tail = f": {printable(o.error)}" if o.error else ""
        print(
            f"{o.status:<9} {printable(m.server_name)} ({m.server_id}) {m.from_role_name!r} -> "
            f"{m.to_role_name!r}{tail}"
        )
    for w in result.warnings:
        print(f"warning: {printable(w)}")
    if result.state_file is not None and not result.dry_run:
        print(f"revert file: {result.state_file}")


def _print_what_if(preview: WhatIfResult) -> None:
    if not preview.changes:
        print("what-if: no task would change SSVC priority")
    for c in preview.changes:
        print(f"what-if   task {c.task_id} {c.cve_id} on {printable(c.server_name)}: {c.before} -> {c.after}")
    if preview.mismatches:
        print(
            f"warning: {len(preview.mismatches)} task(s) where the local SSVC rule disagrees with FutureVuls"
        )
    for task_id, error in preview.failed.items():
        print(f"warning: task {task_id}: detail not fetched: {printable(error)}")


def run(args: argparse.Namespace) -> int:
    """Run the command; print text or JSON."""
    from .._exceptions import ConfigError
    from ..exposure import ExposureProposal

    if args.revert is None and args.findings is None:
        raise ConfigError("give FINDINGS.json (Amazon Inspector findings) or --revert FILE")
    with make_client(args) as client:
        if args.revert is not None:
            result = client.exposure.revert(args.revert, force=args.force, concurrency=args.concurrency)
            if args.json:
                print_json(result.to_dict())
            else:
                _print_result(result)
            return EXIT_OK if result.ok else EXIT_FAILED
        plan = client.exposure.plan(args.findings, external_scans=args.external_scans)
        preview = None
        if not args.no_what_if:
            proposal = ExposureProposal.from_plan(
                plan, role_name=args.role_name, controlled_role_name=args.controlled_role_name
            )
            preview = client.exposure.what_if(proposal, concurrency=args.concurrency)
        result = client.exposure.apply(
            plan,
            role_name=args.role_name,
            controlled_role_name=args.controlled_role_name,
            dry_run=not args.apply,
            state_file=(args.state_file or _default_state_file()) if args.apply else None,
            concurrency=args.concurrency,
        )
    if args.json:
        print_json(
            {
                "plan": plan.to_dict(),
                "what_if": None if preview is None else preview.to_dict(),
                "result": result.to_dict(),
            }
        )
    else:
        _print_plan(plan)
        if preview is not None and (plan.decisions or plan.unmatched):
            _print_what_if(preview)
        _print_result(result)
        if result.dry_run:
            print("dry run: nothing was changed; add --apply to move the servers")
    return EXIT_OK if result.ok else EXIT_FAILED
