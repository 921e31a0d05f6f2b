#!/usr/bin/env python3
"""Chooses the occurrences of the sense check, by a fixed rule, before any sense is looked at.

Usage (from the project folder, after `cargo build --release`):

    ./target/release/duizhao build ../shared/articles --format json -o /tmp/senses
    python3 tools/senses/pick.py /tmp/senses > /tmp/senses/picked.tsv

The rule: the words are taken in the order of the lists below; word number i starts at article
number i (modulo the number of articles) of ARTICLES and takes its first occurrence as a single
token in the first article, from there on, that has one (a Traditional form in TRADITIONAL is
looked for too), passing over the few in SKIP; words in TWICE take a second occurrence from the next article that has one. So the
cases spread over the articles and nothing depends on what the gloss says. Prints one candidate a
line: word, kind, locator (article, paragraph id, offset), today's first sense and some context for
the person labelling it (the terminal only: no article text goes into the repository).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from occurrences import occurrences  # noqa: E402

ARTICLES = [
    "articles/cdt/cdt2020_399983.md",
    "articles/cdt/cdt2020_401160.md",
    "articles/opinion/oped2_2020-01-12_neist_caixin_economy70.md",
    "articles/cdt/cdt2020_400621.md",
    "articles/opinion/oped2_2019-07-27_matters_hk49days_trad.md",
    "articles/cdt/cdt2020_400471.md",
    "articles/cdt/cdt2020_399814.md",
    "articles/pages/gne_thepaper_1.html",
    "articles/opinion/oped2_2014-07-11_paopao_shadowsocks.md",
    "articles/pages/gne_people_1.html",
    "articles/cdt/cdt2020_400883.md",
    "articles/cdt/cdt2020_399779.md",
    "articles/pages/gne_wechat_1.html",
]

FUNCTION = ("被 把 过 当 了 着 得 地 的 就 才 都 还 又 再 也 却 让 给 对 从 跟 为 以 于 而 之 所 在 要 会 能 "
            "可以 等 个 只 比 和 与 向 将 已 曾 使 令 叫 上 下 起来 出 来 去 说 看 想 好 大 小 多 少").split()
CONTENT = ("打 意思 东西 地方 问题 表示 发展 关系 工作 出现 方面 代表 建设 提高 机关 单位 系统 政策 面对 经过 "
           "通过 认为 成为 发生 进行 影响 意见 生活 社会 情况 市场 发现 开始 需要 觉得 知道 希望 运动 文章 支持 "
           "方式 作用 原因 结果 老 家 名 走 点 事 心 中 要求 接受 过去").split()
NAMES = "李文亮 武汉 北京 川普 邓小平 鄭 吴 桃園".split()
TWICE = set("被 把 过 当".split())
# Occurrences passed over, with the reason: the token is a fragment of a larger word the segmenter
# split (a name), so no sense of the word alone applies. The next occurrence is taken instead.
SKIP = {
    ("articles/cdt/cdt2020_401160.md", "p51", 115): "家 inside the company name 链家 (Lianjia)",
}
TRADITIONAL = {
    "过": "過", "当": "當", "着": "著", "还": "還", "却": "卻", "让": "讓", "给": "給", "对": "對",
    "从": "從", "为": "為", "于": "於", "会": "會", "个": "個", "与": "與", "将": "將",
    "起来": "起來", "来": "來", "说": "說", "东西": "東西", "问题": "問題", "发展": "發展",
    "关系": "關係", "出现": "出現", "代表": "代表", "建设": "建設", "机关": "機關",
    "单位": "單位", "系统": "系統", "面对": "面對", "经过": "經過", "通过": "通過", "认为": "認為",
    "成为": "成為", "发生": "發生", "进行": "進行", "影响": "影響", "意见": "意見", "情况": "情況",
    "市场": "市場", "发现": "發現", "开始": "開始", "觉得": "覺得", "运动": "運動", "结果": "結果",
    "点": "點", "过去": "過去", "经济": "經濟",
}


def main():
    built = sys.argv[1]
    words = FUNCTION + CONTENT + NAMES
    forms = set(words) | {TRADITIONAL[w] for w in words if w in TRADITIONAL}
    found = {}
    for word, rel, pid, offset, first, ctx in occurrences(built, forms):
        found.setdefault(rel, []).append((word, pid, offset, first, ctx))
    for i, word in enumerate(words):
        kind = "function" if word in FUNCTION else "content" if word in CONTENT else "name"
        want = {word, TRADITIONAL.get(word, word)}
        left = 2 if word in TWICE else 1
        for k in range(len(ARTICLES)):
            rel = ARTICLES[(i + k) % len(ARTICLES)]
            hit = next((o for o in found.get(rel, []) if o[0] in want and (rel, o[1], o[2]) not in SKIP), None)
            if hit:
                w, pid, offset, first, ctx = hit
                print("\t".join([w, kind, rel, pid, str(offset), first, ctx]))
                left -= 1
                if left == 0:
                    break


if __name__ == "__main__":
    main()
