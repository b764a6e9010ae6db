"""weekly-pdf build ISSUE.yaml [-o OUT.pdf] [--pdfa] [--ofd]"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError, WeeklyPdfError
from ..options import AS_PUBLISHED, LEVELS, PLAIN, BuildOptions
from ..project import find_project
from . import report


def register(sub) -> None:
    p = sub.add_parser(
        "build", help="把一期的 YAML 文件生成 PDF",
        description="检查一期的 YAML 文件，无误后生成 PDF。出错时不生成 PDF，已有的 PDF 保持不变。",
        epilog="例：weekly-pdf build issues/2023/2023-20.yaml   （生成 out/2023/2023-20.pdf）")
    p.add_argument("issue", type=Path, metavar="ISSUE.yaml", help="一期的 YAML 文件")
    p.add_argument("-o", "--output", type=Path, metavar="OUT.pdf",
                   help="PDF 保存到哪里（默认：out/ 下与 issues/ 对应的位置）")
    add_pdfa_option(p)
    add_ofd_option(p)
    p.set_defaults(run=run)


def add_ofd_option(p) -> None:
    """--ofd → ``args.ofd``: also write the OFD (GB/T 33190) beside each PDF."""
    p.add_argument("--ofd", action="store_true",
                   help="同时在 PDF 旁边生成 OFD 文件（国家版式文档格式 GB/T 33190，文字可检索、可复制）")


def add_pdfa_option(p) -> None:
    """--pdfa (PDF/A-1b), --pdfa=2b, --no-pdfa → ``args.pdfa``: a Level, PLAIN or
    AS_PUBLISHED (as publication.yaml's ``pdfa:`` setting says; the default).

    Each spelling is its own option so that ``--pdfa ISSUE.yaml`` never takes
    the file for a level. :func:`build_options` turns the parsed arguments
    into the :class:`BuildOptions` every build of the command uses.
    """
    group = p.add_mutually_exclusive_group()
    group.add_argument("--pdfa", "--pdfa=1b", dest="pdfa", action="store_const",
                       const=LEVELS["1b"], default=AS_PUBLISHED,
                       help="生成归档用的 PDF/A-1b 文件（长期保存的标准格式）")
    group.add_argument("--pdfa=2b", dest="pdfa", action="store_const", const=LEVELS["2b"],
                       help="生成 PDF/A-2b 文件（较新的归档标准）")
    group.add_argument("--no-pdfa", dest="pdfa", action="store_const", const=PLAIN,
                       help="生成普通 PDF，不管 publication.yaml 里的 pdfa 设置")


def build_options(args) -> BuildOptions:
    """The options the command line asked for, parsed once, for every build it makes."""
    return BuildOptions(pdfa=args.pdfa, ofd=getattr(args, "ofd", False))


def run(args) -> int:
    from ..build import Builder, cyclic_gc_paused  # imported here: WeasyPrint is slow to import
    # One issue: check and typeset it while WeasyPrint loads (weekly_pdf.aside).
    builder = Builder(find_project(args.issue), aside=True)
    try:
        # The process ends after the build: its garbage is never worth collecting.
        with cyclic_gc_paused():
            built = builder.build(args.issue, args.output, build_options(args))
    except UsageError:
        raise  # exit code 2
    except WeeklyPdfError as exc:
        report.error(exc)
        return 1
    kind = f"，{built.level.label}" if built.level else ""
    print(f"已生成 {report.path(built.output)}（{built.pages} 页，{built.size // 1024} KB{kind}）")
    if built.ofd is not None:
        print(f"已生成 {report.path(built.ofd)}（OFD，{built.ofd_size // 1024} KB）")
    report.fallbacks(built.fallbacks)
    report.placeholders(built.issue)
    return 0
