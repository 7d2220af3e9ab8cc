<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BNView</name>
    <message>
        <location filename="../../gui/training/bnview.py" line="130"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="130"/>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="130"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="132"/>
        <source>Running mean per channel</source>
        <translation>各通道的移动平均均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="133"/>
        <source>Running mean: channel mean ± std</source>
        <translation>移动平均均值：通道均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="134"/>
        <source>Running var per channel</source>
        <translation>各通道的移动平均方差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="135"/>
        <source>Running var: channel mean ± std</source>
        <translation>移动平均方差：通道均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="136"/>
        <source>This batch&apos;s mean vs running mean</source>
        <translation>本批量均值与移动平均均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="136"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="137"/>
        <source>This batch&apos;s var vs running var</source>
        <translation>本批量方差与移动平均方差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="137"/>
        <source>var</source>
        <translation>方差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="138"/>
        <source>γ and β per channel</source>
        <translation>各通道的 γ 和 β</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="139"/>
        <source>Layer input over time: mean ± std</source>
        <translation>该层输入随时间的变化：均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="143"/>
        <source>BN layer</source>
        <translation>BN 层</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="144"/>
        <source>Click a BatchNorm box in the diagram, or choose it here.</source>
        <translation>在图中点击一个批量规范化层，或在此选择。</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="151"/>
        <location filename="../../gui/training/bnview.py" line="153"/>
        <source>batch</source>
        <translation>本批量</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="152"/>
        <location filename="../../gui/training/bnview.py" line="154"/>
        <source>running</source>
        <translation>移动平均</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="155"/>
        <source>γ (scale)</source>
        <translation>γ（拉伸）</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="156"/>
        <source>β (shift)</source>
        <translation>β（偏移）</translation>
    </message>
</context>
<context>
    <name>CurvePlots</name>
    <message>
        <location filename="../../gui/training/plots.py" line="96"/>
        <source>%1 (dotted)</source>
        <translation>%1（虚线）</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="107"/>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="108"/>
        <source>train acc</source>
        <translation>训练精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="109"/>
        <source>test acc</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="110"/>
        <source>loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="111"/>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="112"/>
        <source>epoch mean</source>
        <translation>每轮均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="144"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="146"/>
        <source>Weight of the moving average drawn over the loss per step, as in TensorBoard (0: the raw values)</source>
        <translation>每步损失上所画移动平均的权重，与 TensorBoard 相同（0：原始值）</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="150"/>
        <source>Loss and accuracy</source>
        <translation>损失和精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="151"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="152"/>
        <source>loss / acc</source>
        <translation>损失 / 精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="153"/>
        <source>Training loss per step</source>
        <translation>每步的训练损失</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="154"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="155"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>DiagramInteraction</name>
    <message>
        <location filename="../../gui/interaction.py" line="122"/>
        <source>Expand all below</source>
        <translation>展开其下全部</translation>
    </message>
    <message>
        <location filename="../../gui/interaction.py" line="125"/>
        <source>Collapse %s</source>
        <translation>折叠 %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/interaction.py" line="134"/>
        <source>Show all %n repeated blocks</source>
        <translation>
            <numerusform>显示全部 %n 个重复块</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/interaction.py" line="136"/>
        <source>Fold the %n repeated blocks</source>
        <translation>
            <numerusform>折叠这 %n 个重复块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/interaction.py" line="140"/>
        <source>Copy label</source>
        <translation>复制标签</translation>
    </message>
    <message>
        <location filename="../../gui/interaction.py" line="141"/>
        <source>Export this…</source>
        <translation>导出此项…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/export_dialog.py" line="170"/>
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="186"/>
        <source>Image copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="218"/>
        <location filename="../../gui/export_dialog.py" line="224"/>
        <source>Export diagram</source>
        <translation>导出结构图</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="226"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="227"/>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="228"/>
        <source>DPI</source>
        <translation>DPI</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="229"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="230"/>
        <source>Part</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="231"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="235"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="235"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="235"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="238"/>
        <source>Whole model</source>
        <translation>整个模型</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="239"/>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="240"/>
        <source>Selection</source>
        <translation>选中项</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="241"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="242"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="243"/>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="244"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../gui/inspector.py" line="42"/>
        <source>+%1 params in %2 — %3</source>
        <translation>%2 中另有 %1 个参数 — %3</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="91"/>
        <source>Nothing selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="113"/>
        <source>mean %1, std %2, min %3, max %4 (%5)</source>
        <translation>均值 %1，标准差 %2，最小 %3，最大 %4（共 %5 个）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="158"/>
        <source>unknown (it computes, but no MAC was counted)</source>
        <translation>未知（它有计算，但未计入乘加次数）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="160"/>
        <source>%1 (measured by running it)</source>
        <translation>%1（实际运行测得）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="167"/>
        <source>never called</source>
        <translation>从未调用</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="185"/>
        <source>drawn as one box: not traced inside</source>
        <translation>画作一个框：内部未追踪</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="187"/>
        <source>MACs unknown: it computes, but none was counted</source>
        <translation>乘加次数未知：它有计算，但一次也未计入</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="191"/>
        <source>computing from the model&apos;s initialisation…</source>
        <translation>正在根据模型初始化计算…</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="202"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="203"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="204"/>
        <source>Module path</source>
        <translation>模块路径</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="205"/>
        <source>Operation</source>
        <translation>运算</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="206"/>
        <source>Input shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="207"/>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="208"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="209"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="210"/>
        <source>Share of parameters</source>
        <translation>参数占比</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="211"/>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="212"/>
        <source>Share of MACs</source>
        <translation>乘加占比</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="213"/>
        <source>Not in the graph</source>
        <translation>不在图中</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="214"/>
        <source>Note</source>
        <translation>注</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="215"/>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="216"/>
        <source>Child modules</source>
        <translation>子模块</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="217"/>
        <source>Layers inside</source>
        <translation>内含层数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="227"/>
        <source>(root)</source>
        <translation>（根模块）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="232"/>
        <source>in_channels</source>
        <translation>输入通道数（in_channels）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="233"/>
        <source>out_channels</source>
        <translation>输出通道数（out_channels）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="234"/>
        <source>kernel_size</source>
        <translation>卷积核大小（kernel_size）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="235"/>
        <source>stride</source>
        <translation>步幅（stride）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="236"/>
        <source>padding</source>
        <translation>填充（padding）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="237"/>
        <source>dilation</source>
        <translation>膨胀（dilation）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="238"/>
        <source>groups</source>
        <translation>分组数（groups）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="239"/>
        <source>in_features</source>
        <translation>输入特征数（in_features）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="240"/>
        <source>out_features</source>
        <translation>输出特征数（out_features）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="241"/>
        <source>num_features</source>
        <translation>特征数（num_features）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="242"/>
        <source>normalized_shape</source>
        <translation>规范化形状（normalized_shape）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="243"/>
        <source>num_groups</source>
        <translation>分组数（num_groups）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="244"/>
        <source>num_channels</source>
        <translation>通道数（num_channels）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="245"/>
        <source>size</source>
        <translation>尺寸（size）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="246"/>
        <source>p</source>
        <translation>暂退概率（p）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="247"/>
        <source>output_size</source>
        <translation>输出尺寸（output_size）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="248"/>
        <source>embed_dim</source>
        <translation>嵌入维度（embed_dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="249"/>
        <source>num_heads</source>
        <translation>头数（num_heads）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="250"/>
        <source>ceil_mode</source>
        <translation>向上取整（ceil_mode）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="251"/>
        <source>start_dim</source>
        <translation>起始维度（start_dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="252"/>
        <source>end_dim</source>
        <translation>结束维度（end_dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="253"/>
        <source>dim</source>
        <translation>维度（dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="254"/>
        <source>negative_slope</source>
        <translation>负斜率（negative_slope）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="255"/>
        <source>transposed</source>
        <translation>转置（transposed）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="256"/>
        <source>batch_first</source>
        <translation>批量维在前（batch_first）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="261"/>
        <source>γ (weight)</source>
        <translation>γ 拉伸参数（weight）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="262"/>
        <source>β (bias)</source>
        <translation>β 偏移参数（bias）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="263"/>
        <source>γ (gamma)</source>
        <translation>γ 拉伸参数（gamma）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="264"/>
        <source>β (beta)</source>
        <translation>β 偏移参数（beta）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="265"/>
        <source>running_mean</source>
        <translation>移动平均均值（running_mean）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="266"/>
        <source>running_var</source>
        <translation>移动平均方差（running_var）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="267"/>
        <source>moving_mean</source>
        <translation>移动平均均值（moving_mean）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="268"/>
        <source>moving_var</source>
        <translation>移动平均方差（moving_var）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="284"/>
        <source>Click a layer or block to see its numbers.</source>
        <translation>点击一个层或块查看其数据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="242"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="243"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="426"/>
        <source>About NetAtlas</source>
        <translation>关于 NetAtlas</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="294"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113"/>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="244"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="294"/>
        <source>Running %s…</source>
        <translation>正在运行 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="427"/>
        <source>NetAtlas shows and trains the modern CNNs of Dive into Deep Learning.</source>
        <translation>NetAtlas 展示并训练《动手学深度学习》中的现代卷积神经网络。</translation>
    </message>
</context>
<context>
    <name>ModelBrowser</name>
    <message>
        <location filename="../../gui/browser.py" line="106"/>
        <source>%s
Opening it runs the Python code in this file.</source>
        <translation>%s
打开它会运行这个文件中的 Python 代码。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="186"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;torchvision classification model with random weights (weights=None).</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;torchvision 分类模型，随机初始化权重（weights=None）。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="192"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;Your own model.</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;你自己的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="194"/>
        <source>Pick a network to see why the book introduces it.</source>
        <translation>选择一个网络，看看书中为何介绍它。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="197"/>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="198"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="199"/>
        <source>Dive into Deep Learning</source>
        <translation>动手学深度学习</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="200"/>
        <source>torchvision</source>
        <translation>torchvision</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="201"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="203"/>
        <source>Open a .py file with your own model: its Python code runs</source>
        <translation>打开含有你自己模型的 .py 文件：其中的 Python 代码会运行</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <location filename="../../gui/training/export.py" line="63"/>
        <source>NetAtlas training plots</source>
        <translation>NetAtlas 训练图表</translation>
    </message>
</context>
<context>
    <name>RunFolderRow</name>
    <message>
        <location filename="../../gui/training/runfolder.py" line="47"/>
        <source>Run folder: %s</source>
        <translation>运行目录：%s</translation>
    </message>
    <message>
        <location filename="../../gui/training/runfolder.py" line="47"/>
        <source>Runs are saved in %s</source>
        <translation>运行保存在 %s</translation>
    </message>
    <message>
        <location filename="../../gui/training/runfolder.py" line="60"/>
        <source>Open folder</source>
        <translation>打开目录</translation>
    </message>
    <message>
        <location filename="../../gui/training/runfolder.py" line="61"/>
        <source>Show the run folder in the file manager</source>
        <translation>在文件管理器中显示运行目录</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message numerus="yes">
        <location filename="../../gui/search.py" line="134"/>
        <source>+%n in closed blocks</source>
        <translation>
            <numerusform>折叠的块中另有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/search.py" line="137"/>
        <source>Open the %n block(s) that hide these matches</source>
        <translation>
            <numerusform>展开包含这些匹配项的 %n 个块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/search.py" line="141"/>
        <source>Find layer, block or shape (Ctrl+F)</source>
        <translation>查找层、块或形状（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../gui/search.py" line="144"/>
        <source>Find layers and blocks by name, kind or tensor shape (28x28 or 28×28); Enter: next match, Esc: clear</source>
        <translation>按名称、类别或张量形状（28x28 或 28×28）查找层和块；回车：下一个匹配，Esc：清除</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../gui/shortcuts.py" line="25"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="27"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="27"/>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="56"/>
        <source>← ↑ → ↓</source>
        <translation>← ↑ → ↓</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="57"/>
        <source>Diagram: select the next layer along the connections or across</source>
        <translation>结构图：沿连线或横向选中下一层</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="59"/>
        <source>Enter, Space</source>
        <translation>回车、空格</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="59"/>
        <source>Diagram: open or close the selected block</source>
        <translation>结构图：展开或折叠选中的块</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="60"/>
        <source>Backspace</source>
        <translation>退格</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="60"/>
        <source>Diagram: select the block around the selection</source>
        <translation>结构图：选中外层的块</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="61"/>
        <location filename="../../gui/shortcuts.py" line="67"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="61"/>
        <source>Diagram: clear the selection, then the search</source>
        <translation>结构图：先取消选中，再清除搜索</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="62"/>
        <source>+, −, wheel</source>
        <translation>+、−、滚轮</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="62"/>
        <source>Diagram: zoom</source>
        <translation>结构图：缩放</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="64"/>
        <location filename="../../gui/shortcuts.py" line="68"/>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="65"/>
        <source>Find box: next match (opens closed blocks when none is drawn)</source>
        <translation>查找框：下一个匹配（没有可见匹配时展开隐藏它们的块）</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="67"/>
        <source>Find box: clear the search</source>
        <translation>查找框：清除搜索</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="68"/>
        <source>Model filter: open the first match</source>
        <translation>模型筛选框：打开第一个匹配</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="69"/>
        <source>↓</source>
        <translation>↓</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts.py" line="69"/>
        <source>Model filter: go to the matches</source>
        <translation>模型筛选框：转到匹配项</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../gui/status.py" line="65"/>
        <source>Stopped the model file&apos;s code.</source>
        <translation>已停止模型文件的代码。</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="67"/>
        <source>Running %s…</source>
        <translation>正在运行 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="84"/>
        <source> (+%1 unused)</source>
        <translation>（另有 %1 未用）</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="86"/>
        <source>%1 params%4 · %2 MACs · %3 weights</source>
        <translation>%1 参数%4 · %2 乘加 · 权重 %3</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="93"/>
        <source>traced with %s</source>
        <translation>追踪方式 %s</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="95"/>
        <source>torch.fx traced the whole model</source>
        <translation>torch.fx 追踪了整个模型</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="99"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/status.py" line="101"/>
        <source>Stop the model file&apos;s code (it runs in a separate process)</source>
        <translation>停止模型文件的代码（它在单独的进程中运行）</translation>
    </message>
</context>
<context>
    <name>TraceBanner</name>
    <message>
        <location filename="../../gui/banner.py" line="65"/>
        <source>Recorded with forward hooks, not traced: the diagram shows the branch taken for this input only, and torch functions called in a forward are not drawn.</source>
        <translation>由前向钩子记录，而非追踪：结构图只显示这个输入所走的分支，前向计算中调用的 torch 函数不会画出。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="70"/>
        <source>torch.fx could not trace every module.</source>
        <translation>torch.fx 未能追踪所有模块。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="74"/>
        <source>1 module drawn as one box: %2.</source>
        <translation>1 个模块画作一个框：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="76"/>
        <source>%1 modules drawn as one box: %2.</source>
        <translation>%1 个模块各画作一个框：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="80"/>
        <source>the root module</source>
        <translation>根模块</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="81"/>
        <source>MACs unknown for %1.</source>
        <translation>%1 的乘加次数未知。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="90"/>
        <source>Drawn as one box</source>
        <translation>画作一个框</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="91"/>
        <source>MACs unknown</source>
        <translation>乘加次数未知</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="92"/>
        <source>Never called</source>
        <translation>从未调用</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="101"/>
        <source>What the diagram of %1 leaves out</source>
        <translation>%1 的结构图省略了什么</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="115"/>
        <source>Which modules?</source>
        <translation>哪些模块？</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="117"/>
        <source>List every module the diagram leaves out or draws whole</source>
        <translation>列出结构图省略或整体画出的每个模块</translation>
    </message>
</context>
<context>
    <name>TrainControls</name>
    <message>
        <location filename="../../gui/training/controls.py" line="120"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="120"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="120"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="121"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="121"/>
        <source>Resize</source>
        <translation>缩放尺寸</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="121"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="122"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="125"/>
        <source>keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="127"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="128"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="130"/>
        <source>Train %s with these settings</source>
        <translation>用这些设置训练 %s</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="132"/>
        <source>Open a model first: Start trains the model on show</source>
        <translation>请先打开一个模型：“开始”训练当前显示的模型</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="134"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="135"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="142"/>
        <source>Force stop</source>
        <translation>强制停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="144"/>
        <source>End the training process now; the run folder keeps the last epoch</source>
        <translation>立即结束训练进程；运行目录保留最后一轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="147"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="148"/>
        <source>Stop after the current step</source>
        <translation>在当前步结束后停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/training/controls.py" line="193"/>
        <source> (and %n more)</source>
        <translation>
            <numerusform>（另有 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="215"/>
        <source>Training on %s…</source>
        <translation>正在 %s 上训练…</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="222"/>
        <source>epoch %1 · ETA %2 · %3 examples/s</source>
        <translation>第 %1 轮 · 剩余 %2 · %3 样本/秒</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="229"/>
        <source>epoch %1/%2 · loss %3 · train acc %4 · test acc %5</source>
        <translation>第 %1/%2 轮 · 损失 %3 · 训练精度 %4 · 测试精度 %5</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="240"/>
        <source>%1 examples/s on %2; steps: %3</source>
        <translation>%1 样本/秒，设备 %2；步骤：%3</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../gui/training/dock.py" line="146"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="147"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="148"/>
        <source>BN statistics</source>
        <translation>BN 统计量</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="149"/>
        <source>Gradient overlay</source>
        <translation>梯度叠加</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="150"/>
        <source>Colour each layer by its gradient norm (log scale)</source>
        <translation>按梯度范数为每层着色（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="151"/>
        <source>Compare run…</source>
        <translation>对比运行…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="152"/>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="153"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="220"/>
        <source>Last run: %1</source>
        <translation>上次运行：%1</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="231"/>
        <source>The last run of %1 trained a model with other layers (%2): its statistics would land on the wrong boxes. Train it again to see them.</source>
        <translation>%1 的上次运行训练的模型层不同（%2）：它的统计量会落到错误的框上。请重新训练以查看。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="239"/>
        <source>%1 has no BatchNorm layer: there are no batch statistics to show.</source>
        <translation>%1 没有批量规范化层：没有批量统计量可显示。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="241"/>
        <source>No run of %1 yet: train it to see its BatchNorm statistics.</source>
        <translation>%1 还没有运行：训练它以查看批量规范化统计量。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="292"/>
        <source>Preparing the data and the model…</source>
        <translation>正在准备数据和模型…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="302"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="356"/>
        <source>Training process ended; the run folder keeps the last finished epoch.</source>
        <translation>训练进程已结束；运行目录保留最后完成的一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="359"/>
        <source>Stopped; the run folder keeps the last epoch.</source>
        <translation>已停止；运行目录保存了最后一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="375"/>
        <source>‖grad‖ %1 … %2 (log colour)</source>
        <translation>‖grad‖ %1 … %2（对数着色）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="408"/>
        <source>Run folder to compare</source>
        <translation>要对比的运行目录</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="415"/>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="422"/>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
</context>
<context>
    <name>UserCode</name>
    <message>
        <location filename="../../gui/usercode.py" line="81"/>
        <source>Open model file (its Python code will run)</source>
        <translation>打开模型文件（其中的 Python 代码会运行）</translation>
    </message>
</context>
<context>
    <name>UserModelDialog</name>
    <message>
        <location filename="../../gui/browser.py" line="221"/>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="235"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="236"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="237"/>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../gui/actions.py" line="202"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="203"/>
        <source>Open a .py file with your own model: its Python code runs</source>
        <translation>打开含有你自己模型的 .py 文件：其中的 Python 代码会运行</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="205"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="205"/>
        <source>Export the diagram as PNG, SVG, PDF or JSON</source>
        <translation>将结构图导出为 PNG、SVG、PDF 或 JSON</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="206"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="207"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="208"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="209"/>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="210"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="210"/>
        <source>Fit the whole diagram</source>
        <translation>完整显示整个结构图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="211"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="211"/>
        <source>Find a layer or block by name or shape</source>
        <translation>按名称或形状查找层或块</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="212"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="213"/>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="214"/>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="214"/>
        <source>Show tensor shapes on the connections</source>
        <translation>在连线上显示张量形状</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="216"/>
        <source>Book style</source>
        <translation>书中样式</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="218"/>
        <source>Draw as the book&apos;s figures do: its wording and three fills, activations folded into their layers, Dropout and Flatten left out</source>
        <translation>按书中插图的画法绘制：书中的措辞和三种填充色，激活函数并入所在层，省略暂退法和展平</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="223"/>
        <source>Fold repeats</source>
        <translation>折叠重复块</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="224"/>
        <source>Draw each run of repeated blocks once, marked N ×</source>
        <translation>连续重复的块只画一次，并标注 N ×</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="227"/>
        <source>Overview map</source>
        <translation>概览图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="228"/>
        <source>A map of the whole diagram in the corner when it does not fit</source>
        <translation>结构图放不下时，在一侧显示整体缩略图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="230"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="231"/>
        <source>About NetAtlas</source>
        <translation>关于 NetAtlas</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="240"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="241"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="242"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="243"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="244"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="246"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="247"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="248"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="254"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="255"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="256"/>
        <source>How deep blocks are opened (auto = a readable overview)</source>
        <translation>块展开的深度（自动 = 易读的概览）</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="257"/>
        <source>Flow</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="259"/>
        <source>Bottom → top (book)</source>
        <translation>自下而上（书中画法）</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="260"/>
        <source>Top → bottom</source>
        <translation>自上而下</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="261"/>
        <source>Left → right</source>
        <translation>从左到右</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="265"/>
        <source>Which way the data flows in the diagram</source>
        <translation>结构图中数据流动的方向</translation>
    </message>
</context>
</TS>
