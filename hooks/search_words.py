"""Chinese search that knows the tutorial's words, in both scripts.

Material's search splits Chinese text into words with jieba, whose dictionary
is of Simplified Chinese. Traditional text falls apart into single characters
(事件迴圈 becomes 事件 / 迴 / 圈), and even in Simplified a term such as 依赖注入
becomes two words, so that it matches every page that says 依赖 anywhere.

This hook gives jieba a dictionary made of jieba's own words, the same words
in Traditional characters and Taiwan phrasing (converted with OpenCC), and
every word of glossary.yml, weighted so that jieba keeps each of them whole.
The dictionary is written once to the temporary folder, named by what it is
made of, so that jieba's own cache of it stays valid from one build to the
next; jieba loads it once per process, not once per language.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.project import glossary_words  # noqa: E402

# Taiwan characters alone, then Taiwan phrasing too (软件 -> 軟體).
CONVERSIONS = ("s2tw", "s2twp")
# Far above any word of jieba's dictionary, so a glossary word is never split.
GLOSSARY_FREQUENCY = 10**7


def dictionary() -> Path:
    import jieba
    import opencc

    words = sorted({word for words in glossary_words().values() for word in words})
    made_of = f"{version('jieba')} {version('opencc')} {CONVERSIONS} {words}"
    key = hashlib.sha256(made_of.encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"search-words-{key}.txt"
    if path.exists():
        return path
    simplified = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
    lines = simplified.splitlines()
    seen = {line.split(" ", 1)[0] for line in lines}
    for name in CONVERSIONS:
        for line in opencc.OpenCC(name).convert(simplified).splitlines():
            word = line.split(" ", 1)[0]
            if word not in seen:  # only the words that conversion changed
                seen.add(word)
                lines.append(line)
    lines += [f"{word} {GLOSSARY_FREQUENCY} n" for word in words]
    # Written under another name first: two builds at once never read half a file.
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path


def on_config(config):
    import jieba

    # The search plugin leaves jieba's dictionary alone unless told of one.
    if config.plugins["material/search"].config.jieba_dict is None:
        path = str(dictionary())
        if jieba.dt.dictionary != path:
            jieba.set_dictionary(path)
    return config
