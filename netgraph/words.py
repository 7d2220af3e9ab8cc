"""The diagram's vocabulary in English and Simplified Chinese (the Chinese edition's own words).

The UI speaks through Qt's translator, but diagram labels are made here in the Qt-free core (the
CLI exports them too), so their words live in this table: 卷积层, 汇聚层, 全连接层, 批量规范化层,
通道合并层, 输入, as the Chinese edition labels its figures.
"""

from __future__ import annotations

from errors import NetAtlasError

LANGUAGES = ("en", "zh")

_ZH = {
    # layers
    "Conv": "卷积层",
    "ConvTranspose": "转置卷积层",
    "MaxPool": "最大汇聚层",
    "AvgPool": "平均汇聚层",
    "Global MaxPool": "全局最大汇聚层",
    "Global AvgPool": "全局平均汇聚层",
    "Adaptive MaxPool": "自适应最大汇聚层",
    "Adaptive AvgPool": "自适应平均汇聚层",
    "FC": "全连接层",
    "Linear": "全连接层",
    "BatchNorm": "批量规范化层",
    "LayerNorm": "层规范化",
    "GroupNorm": "组规范化",
    "Dropout": "暂退法",
    "Flatten": "展平",
    "Concat": "通道合并层",
    "Add": "相加",
    "Multiply": "相乘",
    "Input": "输入",
    "Output": "输出",
    "Attention": "注意力",
    "Multi-head Attention": "多头注意力",
    "heads": "头",
    "groups": "组",
    # options
    "pad": "填充",
    "stride": "步幅",
    "dilation": "膨胀",
    # blocks
    "Inception": "Inception块",
    "Residual": "残差块",
    "Dense block": "稠密块",
    "Dense layer": "卷积块",
    "Transition": "过渡层",
    "VGG block": "VGG块",
    "NiN block": "NiN块",
    "Block": "块",
    "shortcut": "捷径",
    # counts
    "params": "参数",
    "params in its body": "参数（主体）",
    # the legend's groups
    "convolution": "卷积层",
    "pooling": "汇聚层",
    "normalisation": "规范化层",
    "activation": "激活函数",
    "dense": "全连接层",
    "dropout": "暂退法",
    "concat / add": "合并",
    "concat / add / multiply": "合并、相乘",
    "block": "块",
    "other": "其他",
    # the compare view
    "only in this network": "仅此网络有",
    "MACs": "乘加",
    # the compare view's difference table (a stage's layers, the stage after flattening)
    "conv": "卷积层",
    "pool": "汇聚层",
    "BN": "批量规范化层",
    "norm": "规范化层",
    "attention": "注意力",
    "add": "相加",
    "concat": "通道合并层",
    "flat": "展平后",
    "tokens": "词元",
}


# Sentences of the diagram's tooltips, {named} parts filled in by ``sentence``.
_SENTENCES = {
    "where": ("{op} in {module}", "{op}，位于 {module}"),
    "the model": ("the model", "模型"),
    "then": ("then {ops}", "随后：{ops}"),
    "open": ("double-click to open", "双击展开"),
    "body": (
        "its shortcut and merge are drawn beside it; the block holds {params} params in all",
        "其捷径与合并画在旁边；整个块共有 {params} 参数",
    ),
    "run": (
        "the first of {count} repeated blocks ({first} … {last})",
        "{count} 个重复块中的第一个（{first} … {last}）",
    ),
}


class UnknownLanguageError(NetAtlasError):
    """A diagram language that is not one of LANGUAGES."""


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnknownLanguageError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


def word(term: str, lang: str = "en") -> str:
    """``term`` (an English word of the diagrams) in ``lang``; unknown terms stay as they are."""
    return _ZH.get(term, term) if lang == "zh" else term


def is_wide(ch: str) -> bool:
    """East Asian wide characters, drawn about one em wide (twice a Latin letter)."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFF60


def sentence(key: str, lang: str = "en", **values: object) -> str:
    """A tooltip sentence of the diagrams in ``lang``, with ``values`` filled in."""
    english, chinese = _SENTENCES[key]
    return (chinese if lang == "zh" else english).format(**values)
