"""Command line: `drafter render|new|outline|check|fonts|fragments|edit`. Bad input exits 2 with Chinese messages, never a traceback."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

EXIT_OK, EXIT_USER = 0, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own words are English; keep ours Chinese
        for en, zh in (
            ("the following arguments are required", "缺少参数"),
            ("invalid choice", "无效的选项"),
            ("unrecognized arguments", "无法识别的参数"),
            ("expected one argument", "需要一个值"),
            ("invalid int value", "应为整数"),
        ):
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        print(f"drafter：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USER)

    def _get_formatter(self):
        """argparse sizes a formatter to the terminal through shutil (which imports bz2, lzma and zlib: ~1.5 ms of
        `drafter check`'s start-up), even the one it makes to check each argument declared."""
        return self.formatter_class(prog=self.prog, width=_columns() - 2)


def _columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's width, else 80."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _formats():
    from drafter.render import RENDERERS

    return RENDERERS


def _kind_names() -> list[str]:
    from drafter.kinds import KINDS

    return [f"{k.id}（{k.name}）" for k in KINDS.values()]


COMMANDS = ("render", "new", "fonts", "check", "outline", "edit", "fragments", "format", "import")
"""Every command, in the order `drafter --help` lists them (declared in _parser)."""


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line. Given a known `command` (the first argument), only that command is declared: a parser per
    command and the help texts naming kinds and formats (imported to build them) cost `drafter check` ~10 ms of its
    start-up; only `drafter --help` and an unknown command show the others, and then all are declared."""
    from drafter import __version__

    def wanted(name: str) -> bool:
        return command not in COMMANDS or command == name

    p = _Parser(prog="drafter", description="公文起草助手：事实录入一次，起草讲话稿、通知、方案等，导出符合 GB/T 9704 的文稿。")
    p.add_argument("--version", action="version", version=f"drafter {__version__}")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    if wanted("render"):
        r = sub.add_parser("render", help="按案卷起草文稿", description="按案卷起草文稿；不给 -o 时纯文本输出到屏幕。")
        r.add_argument("case", nargs="+", help="案卷文件（.yaml）；可给多个，或给文件夹（起草其中全部案卷）")
        r.add_argument("--doc", help="只起草这一份文档（案卷 documents 中的 id）")
        r.add_argument("--to", default="text", help="输出格式：" + "；".join(f"{k}（{v.description}）" for k, v in _formats().items())
                       + "。默认 text")
        r.add_argument("-o", "--out", help="输出文件夹（多份案卷时默认 out）")
        r.add_argument("-j", "--jobs", type=int, help="多份案卷时同时起草的进程数（默认：全部 CPU 核心）")

    if wanted("new"):
        n = sub.add_parser("new", help="生成带注释的空白案卷", description="生成带注释的空白案卷，每个字段都有说明。")
        n.add_argument("kind", help="文种：" + "、".join(_kind_names()))
        n.add_argument("-o", "--out", help="写到此文件（默认：KIND-case.yaml）")
        n.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    if wanted("fonts"):
        ft = sub.add_parser("fonts", help="检查文稿所用字体是否已安装", description="列出文稿所用字体、本机是否安装、缺失时由何字体替代。")
        ft.add_argument("target", nargs="?", help="文稿 .docx 或案卷 .yaml：逐份列出所用字体、本机缺哪些、由何替代、哪些字所注字体没有")
        ft.add_argument("--profile", help="字体方案：gb2312、windows、founder（默认取设置，否则 gb2312）")

    if wanted("check"):
        c = sub.add_parser("check", help="校对文稿（.txt、.docx 或案卷）", description="校对标点、序号、日期、数字、发文字号、乱码和版式；"
                           "发现问题时退出码为 1。")
        c.add_argument("files", nargs="*", help="要校对的 .txt、.docx 或案卷 .yaml 文件")
        c.add_argument("--json", action="store_true", help="以 JSON 输出问题列表")
        c.add_argument("--fix", action="store_true", help="自动改正没有歧义的问题（原文件另存为 .bak 备份）并显示改动")
        c.add_argument("--rules", action="store_true", help="列出全部规则及其默认级别")

    if wanted("outline"):
        o = sub.add_parser("outline", help="显示文种的默认提纲（各部分的 id）", description="显示文种的默认提纲：各部分的 id、"
                           "槽位和事实块。案卷中 documents[].outline 用这些 id 删去、改名、调整顺序或插入部分。")
        o.add_argument("kind", help="文种：" + "、".join(_kind_names()))

    if wanted("edit"):
        e = sub.add_parser("edit", help="在界面中编辑案卷", description="在文本界面中打开案卷：填写事实、选择表述、预览、导出。")
        e.add_argument("case", help="案卷文件（.yaml）")

    if wanted("fragments"):
        f = sub.add_parser("fragments", help="浏览表述片段库", description="浏览表述片段库（内置、团队、个人三层）。")
        fsub = f.add_subparsers(dest="action", metavar="操作", parser_class=_Parser)
        fl = fsub.add_parser("list", help="列出片段")
        fl.add_argument("--kind", help="只列出适用于该文种的片段")
        fl.add_argument("--slot", help="只列出该槽位的片段")
        fs = fsub.add_parser("search", help="按关键词查找片段")
        fs.add_argument("query", nargs="+", help="关键词（可输入正文中的一段话）")
        fsub.add_parser("check", help="检查片段库：语法、变量、重复 id、过期、空槽位")
        fw = fsub.add_parser("show", help="显示一个片段的全文")
        fw.add_argument("id", help="片段 id")
        _harvest_parser(fsub)
    _ingest_parsers(sub, wanted)
    return p


def _harvest_parser(fsub) -> None:
    fh = fsub.add_parser("harvest", help="从现有文稿采集表述片段（按槽位，事实换成变量）",
                         description="从现有文稿中按槽位（开场、过渡、结尾、指导思想、基本原则、保障措施……）提出表述片段，"
                         "其中的机关、会议、年份、人员换成变量，注明来源；确认后（或加 --yes）写入个人库，并检查。")
    fh.add_argument("file", help="现有文稿（.docx、.txt、.doc/.wps）")
    fh.add_argument("--kind", required=True, help="文种：" + "、".join(_kind_names()))
    fh.add_argument("--case", help="用这个案卷的事实（机关、会议、年份、人员）替换为变量；不给时用文稿自身的落款和标题")
    fh.add_argument("--yes", action="store_true", help="不询问，直接写入个人库")


def _ingest_parsers(sub, wanted) -> None:
    """format and import (with fragments harvest): start from the documents an office already has."""
    if wanted("format"):
        fm = sub.add_parser("format", help="一键排版：把现有文稿排成 GB/T 9704 版式的 .docx",
                            description="读取 .docx、.txt（UTF-8 或 GB18030）、.doc/.wps（需 LibreOffice），识别版头、标题、主送、"
                            "各级标题、落款、版记等，按 GB/T 9704 重新排版为 .docx（原文件不动），并报告识别结果和存疑之处。")
        fm.add_argument("files", nargs="+", help="要排版的文稿；可给多个，或给文件夹（排版其中全部文稿，已排版的“-排版.docx”除外）")
        fm.add_argument("-o", "--out", help="输出文件夹（默认：与原文件同一文件夹），文件名为“原名-排版.docx”")
        fm.add_argument("--fix", action="store_true", help="排版前自动改正校对发现的没有歧义的问题（标点、序号等）")
        fm.add_argument("-j", "--jobs", type=int, help="多份文稿时同时排版的进程数（默认：全部 CPU 核心）")
    if wanted("import"):
        im = sub.add_parser("import", help="由现有文稿生成案卷（正文进入提纲，版头、日期、主送等成为字段）",
                            description="识别现有文稿（.docx、.txt、.doc/.wps），生成案卷：正文按层级进入文档提纲，发文字号拆为机关代字、"
                            "年份和顺序号，日期、主送、抄送、印发机关成为字段，任务分解表成为任务。生成后按案卷重新起草一遍，"
                            "列出与原文不同的段落。")
        im.add_argument("file", help="现有文稿")
        im.add_argument("-o", "--out", help="案卷文件（默认：原名.yaml，与原文件同一文件夹）")
        im.add_argument("--force", action="store_true", help="案卷文件已存在时覆盖")
        im.add_argument("--fix", action="store_true", help="先自动改正校对发现的没有歧义的问题")


def run() -> None:
    """The `drafter` command (console script and `python -m drafter`): main(), then a quick exit.

    A one-shot command pauses the cyclic garbage collector (it only rescans the objects imports and the
    case just made) and ends with os._exit once its output is flushed: tearing down the interpreter object
    by object took ~60 ms after a render, longer than writing the .docx. Files are already written
    atomically and closed by then; the full-screen interface exits normally.
    """
    import os

    argv = sys.argv[1:]
    one_shot = bool(argv) and argv[0] not in ("edit",) and not argv[0].startswith("-")
    if not one_shot:
        raise SystemExit(main(argv))
    import gc

    gc.disable()
    try:
        code = main(argv)
    except SystemExit as exc:   # argparse's --help, usage errors
        code = 0 if exc.code is None else exc.code
        if not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (drafter render … | head): nothing more to say
            pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(argv[0] if argv and not argv[0].startswith("-") else None).parse_args(argv)
    if args.command is None:
        from drafter.tui import run

        return run()
    if args.command == "edit":
        from drafter.tui import run

        return run(args.case)
    from drafter.errors import DrafterError

    try:
        code = {"render": cmd_render, "new": cmd_new, "fragments": cmd_fragments, "fonts": cmd_fonts,
                "check": cmd_check, "outline": cmd_outline, "format": cmd_format,
                "import": cmd_import}[args.command](args)
        sys.stdout.flush()   # a closed pipe is found here, not in the interpreter's shutdown
        return code
    except DrafterError as exc:
        from drafter.problems import listing

        for line in listing(exc.problems):
            print(line, file=sys.stderr)
        n = len(exc.problems)
        if n > 1:
            print(f"共 {n} 处问题。", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:   # the reader stopped early (`drafter check … | head`): nothing is wrong with drafter
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error when Python flushes at exit
        return 141   # as a shell reports a command that SIGPIPE stopped
    except Exception as exc:  # noqa: BLE001 - a bug in drafter must still not greet the user with a traceback
        import os
        import traceback

        if os.environ.get("DRAFTER_DEBUG"):
            traceback.print_exc()
        print(f"drafter 内部错误：{type(exc).__name__}: {exc}（设置 DRAFTER_DEBUG=1 可查看详情，请报告此问题）", file=sys.stderr)
        return 1


def cmd_render(args) -> int:
    from drafter.charsafe import for_terminal

    if len(args.case) > 1 or Path(args.case[0]).is_dir():
        from drafter import batch

        return _render_batch(args, batch.expand(args.case))
    from drafter.pipeline import Drafting, load_case

    cf = load_case(args.case[0])   # one case: no batch machinery (~2 ms of start-up)
    drafting = Drafting()
    if args.out is None and args.to == "text":
        for i, out in enumerate(drafting.render(cf, "text", args.doc)):
            if i:
                sys.stdout.write("\n" + "=" * 40 + "\n\n")
            sys.stdout.write(for_terminal(out.data.decode("utf-8")))
        return EXIT_OK
    out_dir = Path(args.out or "out")
    for path in drafting.export(cf, out_dir, args.to, args.doc):
        print(f"已写入 {path}")
    return EXIT_OK


_batch_drafting = None   # the library and templates of the batch being drafted: built once, inherited by forked workers


def render_case(name: str, to: str, doc: str | None, out: str) -> list[Path]:
    """One case of a batch: its documents written into `out` (see drafter.batch)."""
    global _batch_drafting
    from drafter.pipeline import Drafting, load_case

    if _batch_drafting is None:   # a worker that was not forked (spawn)
        _batch_drafting = Drafting()
    return _batch_drafting.export(load_case(name), Path(out), to, doc)


def _render_batch(args, cases: list[str]) -> int:
    from drafter import batch
    from drafter.errors import DrafterError
    from drafter.problems import Problem

    if not cases:
        raise DrafterError(Problem("没有找到案卷文件（.yaml）", file="、".join(args.case)))
    batch.refuse_clashes(cases, lambda name: Path(name).stem, "起草")   # every case writes CASE-DOC.ext into one folder
    global _batch_drafting
    from drafter.pipeline import Drafting

    out = str(Path(args.out or "out"))
    _batch_drafting = Drafting()   # built once here, inherited by every worker
    work = functools.partial(render_case, to=args.to, doc=args.doc, out=out)
    outcomes = batch.run(cases, work, jobs=args.jobs, verb="起草")
    return batch.report(outcomes, "份案卷")


def _kind(name: str):
    from drafter.errors import DrafterError
    from drafter.kinds import KINDS

    kind = KINDS.get(name) or next((k for k in KINDS.values() if k.name == name), None)
    if kind is None:
        raise DrafterError(f"未知文种“{name}”，可用：{'、'.join(_kind_names())}")
    return kind


def cmd_outline(args) -> int:
    from drafter.outline.tree import load_default, outline_path

    kind = _kind(args.kind)
    load_default(kind.id)            # a broken library outline is reported, not printed
    path = outline_path(kind.id)
    print(f"# {kind.name}的默认提纲（{path}）")
    sys.stdout.write(path.read_text(encoding="utf-8"))
    return EXIT_OK


def cmd_new(args) -> int:
    from drafter.atomic import write_atomic
    from drafter.errors import DrafterError
    from drafter.resources import bundled

    kind = _kind(args.kind)
    target = Path(args.out or f"{kind.id}-case.yaml")
    if target.exists() and not args.force:
        raise DrafterError(f"{target}：文件已存在，未作改动（如需覆盖请加 --force）")
    write_atomic(target, (bundled("starters") / kind.starter).read_bytes())
    print(f"已生成 {target}：按注释填写后运行 drafter render {target}")
    return EXIT_OK


def cmd_fragments(args) -> int:
    from drafter.errors import DrafterError
    from drafter.templating.fragments import load_library

    if args.action == "harvest":
        return cmd_harvest(args)
    lib = load_library()
    if args.action in (None, "list"):
        frags = sorted(lib.fragments.values(), key=lambda f: (f.slot, f.id))
        kind = getattr(args, "kind", None)
        slot = getattr(args, "slot", None)
        frags = [f for f in frags if (not kind or kind in f.kinds) and (not slot or f.slot == slot)]
        for f in frags:
            print(f"{f.id:<36} {f.slot:<16} {f.title}")
        print(f"共 {len(frags)} 个片段。")
        return EXIT_OK
    if args.action == "check":
        from drafter.pipeline import Drafting
        from drafter.problems import Severity
        from drafter.templating.check import check_library

        problems = check_library(Drafting(lib).env, lib)
        for p in problems:
            print(f"{p}（{p.severity.value}）")
        errors = sum(p.severity == Severity.ERROR for p in problems)
        print(f"检查了 {len(lib.fragments)} 个片段：{errors} 个错误，{len(problems) - errors} 个警告。")
        return 1 if problems else 0
    if args.action == "search":
        hits = lib.search(" ".join(args.query))
        for f in hits:
            print(f"{f.id:<36} {f.slot:<16} {f.title}")
        print(f"找到 {len(hits)} 个片段。")
        return EXIT_OK if hits else 1
    frag = lib.get(args.id)
    if frag is None:
        hits = [f.id for f in lib.search(args.id)][:5]
        raise DrafterError(f"没有 id 为“{args.id}”的片段" + (f"，相近的有：{'、'.join(hits)}" if hits else ""))
    print(f"{frag.id}　{frag.title}")
    print(f"文种：{'、'.join(frag.kinds)}　槽位：{frag.slot}　标签：{'、'.join(frag.tags)}")
    print(f"来源：{frag.author}，{frag.added}" + (f"，使用至 {frag.use_until}" if frag.use_until else "") + f"（{frag.where}）")
    print()
    print(frag.text)
    return EXIT_OK


def cmd_fonts(args) -> int:
    from drafter.errors import DrafterError
    from drafter.fonts import font_report
    from drafter.render.docx_styles import PROFILES

    if args.target:
        return cmd_fonts_of(Path(args.target))

    if args.profile is None:
        from drafter.settings import settings

        args.profile = settings().get("fonts", "gb2312")
    if args.profile not in PROFILES:
        raise DrafterError(f"未知的字体方案“{args.profile}”，可用：{'、'.join(PROFILES)}")
    missing = 0
    for s in font_report(args.profile):
        if s.installed is None:
            state = "无法检查（本机没有 fontconfig）"
        elif s.installed:
            state = "已安装"
        else:
            missing += 1
            state = f"未安装，将由“{s.substitute}”替代" if s.substitute else "未安装"
        print(f"{s.role}\t{s.name}\t{state}")
    if missing:
        print(f"缺少 {missing} 种字体：文稿仍会注明标准字体，在装有这些字体的电脑上打开即显示正确；本程序不附带受版权保护的字体。")
    return 0


def cmd_fonts_of(path: Path) -> int:
    """`drafter fonts FILE.docx|CASE.yaml`: per document, the faces its text is drawn in, which this machine lacks,
    what stands in for them, and every character the named face has no glyph for."""
    from drafter.charsafe import describe, for_terminal
    from drafter.errors import DrafterError
    from drafter.fonts import docx_fonts

    if not path.exists():
        raise DrafterError(f"{path}：文件不存在")
    if path.suffix.lower() == ".docx":
        from drafter.docx_input import open_package

        with open_package(path):   # size, parts, inflated size and DOCTYPE bounded before anything is parsed
            pass
        documents = [(path.name, path.read_bytes())]
    elif path.suffix.lower() in (".yaml", ".yml"):
        from drafter.pipeline import Drafting, load_case

        documents = [(o.filename, o.data) for o in Drafting().render(load_case(path), "docx")]
    else:
        raise DrafterError(f"{path}：请给出 .docx 文稿或 .yaml 案卷")
    import zipfile

    lacking = 0
    for name, data in documents:
        try:
            faces = docx_fonts(data)
        except (zipfile.BadZipFile, KeyError, SyntaxError):
            raise DrafterError(f"{name}：不是可读的 .docx 文件") from None
        print(for_terminal(name))
        for f in faces:
            if f.installed is None:
                state = "无法检查（本机没有 fontconfig）"
            elif f.installed:
                state = "已安装"
            else:
                state = f"未安装，将由“{f.substitute}”替代" if f.substitute else "未安装"
            print(for_terminal(f"  {f.name}\t{len(f.chars)} 个字符\t{state}"))
            if f.missing:
                lacking += len(f.missing)
                shown = "".join(c if for_terminal(c) == c else f"[{describe(c)}]" for c in f.missing)
                print(for_terminal(f"    {f.name} 没有这些字：{shown}"))
            elif not f.known:
                print(for_terminal(f"    {f.name} 的字符覆盖无法判断"))
    if lacking:
        print(f"共 {lacking} 个字在所注字体中没有字形，打开时会显示为其他字体或方框。")
    return 0


def cmd_check(args) -> int:
    from drafter.charsafe import for_terminal
    from drafter.errors import DrafterError
    from drafter.problems import Severity
    from drafter.proof import check as proof

    if args.rules:
        for rule_id, (severity, title) in sorted(proof.all_rules().items()):
            print(f"{rule_id:<12} {severity}  {title}")
        return EXIT_OK
    if not args.files:
        raise DrafterError("请给出要校对的文件，如 drafter check 通知.docx")
    cfg = proof.config()
    found, unreadable = [], []
    for name in args.files:
        path = Path(name)
        try:
            if not path.exists():
                raise DrafterError(f"{path}：文件不存在")
            suffix = path.suffix.lower()
            if args.fix and suffix in (".txt", ".docx"):
                if suffix == ".txt":
                    diff, backup = proof.fix_text_file(path, cfg)
                    skipped = 0
                else:
                    diff, backup, skipped = proof.fix_docx_file(path, cfg)
                if diff:
                    print(for_terminal(diff))
                    print(f"已改正 {path}，原文件备份为 {backup}" + (f"；{skipped} 处跨格式的问题需手工修改" if skipped else ""))
            if suffix == ".docx":
                found += proof.check_docx(path, cfg)
            elif suffix in (".yaml", ".yml"):
                found += proof.check_case(path, cfg)
            else:
                text, _enc = proof.read_document_text(path)
                found += proof.check_text(text, str(path), cfg)
        except DrafterError as exc:
            unreadable += exc.problems
    if args.json:
        import json

        print(json.dumps([{"file": p.file, "rule": p.rule, "severity": p.severity.name.lower(), "line": p.line,
                           "column": p.column, "unit": "paragraph" if p.path == "段落" else "line",
                           "message": p.message, "fix": p.fix} for p in found],
                         ensure_ascii=False, indent=1))
    else:
        out = []
        for p in found:
            if p.path == "段落":   # .docx: paragraphs, not lines
                where = f"{p.file} 第{p.line}段" + (f"第{p.column}字" if p.column else "")
            else:
                where = f"{p.file}:{p.line}" + (f":{p.column}" if p.column else "") if p.line else p.file
            out.append(for_terminal(f"{where} [{p.rule} {p.severity.value}] {p.message}") + "\n")
        if found:
            counts = {s: sum(p.severity == s for p in found) for s in Severity}
            out.append(f"共 {len(found)} 处：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，"
                       f"提示 {counts[Severity.INFO]}。\n")
        elif not unreadable:
            out.append("未发现问题。\n")
        sys.stdout.write("".join(out))   # one write: unbuffered (PYTHONUNBUFFERED), a print per finding was a write each
    from drafter.problems import listing

    for line in listing(unreadable):
        print(line, file=sys.stderr)
    if unreadable:
        return EXIT_USER
    return 1 if any(p.severity in (Severity.ERROR, Severity.WARNING) for p in found) else EXIT_OK


FORMATTED = "-排版.docx"   # what `drafter format` adds to a draft's name


def _formatted_path(name: str, out: str | None) -> Path:
    path = Path(name)
    return Path(out or path.parent) / f"{path.stem}{FORMATTED}"


def format_draft(name: str, out: str | None, fix: bool):
    """One draft of `drafter format`: NAME-排版.docx written atomically, and the report of what was recognized
    (see drafter.batch)."""
    from drafter.atomic import write_atomic
    from drafter.batch import Done
    from drafter.errors import DrafterError
    from drafter.ingest.formatting import format_file, report
    from drafter.problems import Problem

    path = Path(name)
    formatted = format_file(path, fix=fix)
    target = _formatted_path(name, out)
    if target.resolve() == path.resolve():
        raise DrafterError(Problem("输出会覆盖原文件，请用 -o 指定其他文件夹", file=str(path)))
    write_atomic(target, formatted.docx())
    return Done([target], [f"已写入 {target}", *(f"  {line}" for line in report(formatted))])


def cmd_format(args) -> int:
    """The batch machinery of `drafter render`: every draft formatted on all cores, one unreadable file never stops
    the others, each failure reported at the end (exit 2)."""
    from drafter import batch
    from drafter.errors import DrafterError
    from drafter.ingest.source import SUFFIXES
    from drafter.problems import Problem

    drafts = batch.expand(args.files, SUFFIXES, skip=lambda p: p.name.endswith(FORMATTED))
    if not drafts:
        raise DrafterError(Problem(f"没有找到文稿（{'、'.join(SUFFIXES)}）", file="、".join(args.files)))
    batch.refuse_clashes(drafts, lambda name: _formatted_path(name, args.out).resolve(), "排版")
    if len(drafts) > 1:
        from drafter.ingest import formatting  # noqa: F401 - imported once here, inherited by every worker
        from drafter.render import docx  # noqa: F401
    work = functools.partial(format_draft, out=args.out, fix=args.fix)
    outcomes = batch.run(drafts, work, jobs=args.jobs, verb="排版")
    return batch.report(outcomes, "份文稿")


def cmd_import(args) -> int:
    """The case is written only when it loads and drafts; what drafts differently from the source is listed."""
    from drafter.atomic import write_atomic
    from drafter.errors import DrafterError
    from drafter.ingest.formatting import report
    from drafter.ingest.importing import import_file

    source = Path(args.file)
    target = Path(args.out) if args.out else source.with_suffix(".yaml")
    if target.exists() and not args.force:
        raise DrafterError(f"{target}：文件已存在，未作改动（如需覆盖请加 --force）")
    result = import_file(source, target, fix=args.fix)
    try:
        write_atomic(target, result.yaml_text.encode("utf-8"))
    except OSError as exc:
        raise DrafterError(f"{target}：无法写入：{exc.strerror}") from None
    print(f"已写入 {target}：drafter render {target} 起草，drafter edit {target} 在界面中修改")
    for line in report(result.formatted):
        print(f"  {line}")
    for note in result.imported.notes:
        print(f"  案卷：{note}")
    if result.changed:
        print(f"  起草后与原文不同的段落 {len(result.changed)} 处（编号按结构重算、写法按标准统一）：")
        for before, after in result.changed:
            print(f"    原文：{before or '（无）'}")
            print(f"    起草：{after or '（无）'}")
    return EXIT_OK


def cmd_harvest(args) -> int:
    """Propose, show, ask (or --yes), write to the user library atomically, then check what was written."""
    import datetime as dt

    from drafter.atomic import write_atomic
    from drafter.ingest.harvest import facts_from, propose, to_yaml
    from drafter.ingest.recognize import recognize
    from drafter.ingest.source import read_source
    from drafter.kinds import SLOT_NAMES
    from drafter.resources import user_library

    kind = _kind(args.kind)
    source = Path(args.file)
    rec = recognize(read_source(source))
    case = None
    if args.case:
        from drafter.pipeline import load_case

        case = load_case(args.case).case
    proposals, skipped = propose(rec, kind.id, facts_from(rec, case))
    unit = rec.source.unit
    for prop in proposals:
        head = f"{prop.heading}。" if prop.heading else ""
        print(f"[{SLOT_NAMES.get(prop.slot, prop.slot)} {prop.slot}] 第{prop.where}{unit}：{head}{prop.text}")
    print(f"提出 {len(proposals)} 个片段" + (f"；另有 {skipped} 段不属于{kind.name}的任何槽位，未采集" if skipped else "") + "。")
    if not proposals:
        return EXIT_OK
    folder = user_library() / "fragments"
    today = dt.date.today()
    target = folder / f"harvest-{_ascii_stem(source)}-{today:%Y%m%d}.yaml"
    k = 2
    while target.exists():
        target = folder / f"harvest-{_ascii_stem(source)}-{today:%Y%m%d}-{k}.yaml"
        k += 1
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"未写入：确认无误后加 --yes 写入个人库（{folder}）")
            return EXIT_OK
        if input(f"写入 {target}？[y/N] ").strip().lower() not in ("y", "yes", "是"):
            print("未写入。")
            return EXIT_OK
    write_atomic(target, to_yaml(proposals, kind.id, source, today).encode("utf-8"))
    print(f"已写入 {target}")
    from drafter.pipeline import Drafting
    from drafter.templating.check import check_library

    problems = [p for p in check_library(Drafting().env) if p.file == str(target)]
    for p in problems:
        print(f"{p}（{p.severity.value}）")
    print("检查：通过" if not problems else f"检查：{len(problems)} 处问题，请修改 {target}")
    return 1 if problems else EXIT_OK


def _ascii_stem(path: Path) -> str:
    """A file name every system accepts: the source's ASCII letters, else a short digest of its name."""
    import hashlib
    import re

    stem = re.sub(r"[^A-Za-z0-9-]+", "-", path.stem).strip("-")
    return stem or hashlib.sha1(path.stem.encode()).hexdigest()[:8]
