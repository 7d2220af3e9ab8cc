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
    <name>ColumnBar</name>
    <message>
        <location filename="../../gui/compare/view.py" line="148"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="149"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="150"/>
        <source>How deep this column&apos;s blocks are opened</source>
        <translation>这一列的块展开到多深</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="151"/>
        <source>Remove this column from the comparison</source>
        <translation>从对比中移除这一列</translation>
    </message>
</context>
<context>
    <name>CompareChooser</name>
    <message>
        <location filename="../../gui/compare/chooser.py" line="28"/>
        <source>Compare with</source>
        <translation>与其他模型对比</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/compare/chooser.py" line="30"/>
        <source>Tick up to %n model(s) to set beside %1.</source>
        <translation>
            <numerusform>勾选最多 %n 个模型，与 %1 并排对比。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/compare/chooser.py" line="36"/>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <location filename="../../gui/compare/controller.py" line="92"/>
        <source>Open a model first, then compare it with others.</source>
        <translation>请先打开一个模型，再与其他模型对比。</translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="126"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/compare/controller.py" line="217"/>
        <source>A comparison shows at most %n models: remove one first.</source>
        <translation>
            <numerusform>一次对比最多显示 %n 个模型：请先移除一个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../gui/compare/view.py" line="442"/>
        <source>Expand all below</source>
        <translation>展开其下全部</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="447"/>
        <source>Collapse %s</source>
        <translation>折叠 %s</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="498"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="509"/>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="514"/>
        <source>MACs</source>
        <translation>乘加</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="531"/>
        <source>%1 has %2 the params and %3 the MACs of %4</source>
        <translation>%1 的参数量是 %4 的 %2，乘加次数是其 %3</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="533"/>
        <source>%1: %2 and %3</source>
        <translation>%1：%2 和 %3</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="545"/>
        <source>Close comparison</source>
        <translation>关闭对比</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="546"/>
        <source>Back to the single model</source>
        <translation>回到单个模型</translation>
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
        <location filename="../../gui/interaction.py" line="117"/>
        <source>Expand all below</source>
        <translation>展开其下全部</translation>
    </message>
    <message>
        <location filename="../../gui/interaction.py" line="120"/>
        <source>Collapse %s</source>
        <translation>折叠 %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/interaction.py" line="129"/>
        <source>Show all %n repeated blocks</source>
        <translation>
            <numerusform>显示全部 %n 个重复块</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/interaction.py" line="131"/>
        <source>Fold the %n repeated blocks</source>
        <translation>
            <numerusform>折叠这 %n 个重复块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/interaction.py" line="135"/>
        <source>Copy label</source>
        <translation>复制标签</translation>
    </message>
    <message>
        <location filename="../../gui/interaction.py" line="136"/>
        <source>Export this…</source>
        <translation>导出此项…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/export_dialog.py" line="174"/>
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="190"/>
        <source>Image copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="222"/>
        <location filename="../../gui/export_dialog.py" line="228"/>
        <source>Export diagram</source>
        <translation>导出结构图</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="230"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="231"/>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="232"/>
        <source>DPI</source>
        <translation>DPI</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="233"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="234"/>
        <source>Part</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="235"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="239"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="239"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="239"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="242"/>
        <source>Whole model</source>
        <translation>整个模型</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="243"/>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="244"/>
        <source>Selection</source>
        <translation>选中项</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="245"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="246"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="247"/>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="248"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>InputBoxes</name>
    <message>
        <location filename="../../gui/inputs.py" line="112"/>
        <source>input %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <location filename="../../gui/inputs.py" line="120"/>
        <source>Size without the batch: %1</source>
        <translation>不含批量维度的形状：%1</translation>
    </message>
    <message>
        <location filename="../../gui/inputs.py" line="149"/>
        <source>Feed one more input (the next argument of forward)</source>
        <translation>再添加一个输入（forward 的下一个参数）</translation>
    </message>
    <message>
        <location filename="../../gui/inputs.py" line="150"/>
        <source>Remove the last input</source>
        <translation>移除最后一个输入</translation>
    </message>
</context>
<context>
    <name>InputDialog</name>
    <message>
        <location filename="../../gui/inputs.py" line="176"/>
        <source>Input of %1</source>
        <translation>%1 的输入</translation>
    </message>
    <message>
        <location filename="../../gui/inputs.py" line="179"/>
        <source>One box per input of forward, without the batch dimension.</source>
        <translation>forward 的每个输入各占一个输入框，不含批量维度。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../gui/inspector.py" line="49"/>
        <source>+%1 params in %2 — %3</source>
        <translation>%2 中另有 %1 个参数 — %3</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="98"/>
        <source>Nothing selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="120"/>
        <source>mean %1, std %2, min %3, max %4 (%5)</source>
        <translation>均值 %1，标准差 %2，最小 %3，最大 %4（共 %5 个）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="174"/>
        <source>call %1 of %2 of %3 (the same weights)</source>
        <translation>%3 的第 %1 次调用，共 %2 次（权重相同）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="191"/>
        <source>unknown (it computes, but no MAC was counted)</source>
        <translation>未知（它有计算，但未计入乘加次数）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="193"/>
        <source>%1 (measured by running it)</source>
        <translation>%1（实际运行测得）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="201"/>
        <source>never called</source>
        <translation>从未调用</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="232"/>
        <source>drawn as one box: not traced inside</source>
        <translation>画作一个框：内部未追踪</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="234"/>
        <source>MACs unknown: it computes, but none was counted</source>
        <translation>乘加次数未知：它有计算，但一次也未计入</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="238"/>
        <source>computing from the model&apos;s initialisation…</source>
        <translation>正在根据模型初始化计算…</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="249"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="250"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="251"/>
        <source>Module path</source>
        <translation>模块路径</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="252"/>
        <source>Operation</source>
        <translation>运算</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="253"/>
        <source>Input shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="254"/>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="255"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="256"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="257"/>
        <source>Share of parameters</source>
        <translation>参数占比</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="258"/>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="259"/>
        <source>Share of MACs</source>
        <translation>乘加占比</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="260"/>
        <source>Not in the graph</source>
        <translation>不在图中</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="261"/>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="262"/>
        <source>Note</source>
        <translation>注</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="263"/>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="264"/>
        <source>Child modules</source>
        <translation>子模块</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="265"/>
        <source>Layers inside</source>
        <translation>内含层数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="275"/>
        <source>(root)</source>
        <translation>（根模块）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="280"/>
        <source>in_channels</source>
        <translation>输入通道数（in_channels）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="281"/>
        <source>out_channels</source>
        <translation>输出通道数（out_channels）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="282"/>
        <source>kernel_size</source>
        <translation>卷积核大小（kernel_size）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="283"/>
        <source>stride</source>
        <translation>步幅（stride）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="284"/>
        <source>padding</source>
        <translation>填充（padding）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="285"/>
        <source>dilation</source>
        <translation>膨胀（dilation）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="286"/>
        <source>groups</source>
        <translation>分组数（groups）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="287"/>
        <source>in_features</source>
        <translation>输入特征数（in_features）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="288"/>
        <source>out_features</source>
        <translation>输出特征数（out_features）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="289"/>
        <source>num_features</source>
        <translation>特征数（num_features）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="290"/>
        <source>normalized_shape</source>
        <translation>规范化形状（normalized_shape）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="291"/>
        <source>num_groups</source>
        <translation>分组数（num_groups）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="292"/>
        <source>num_channels</source>
        <translation>通道数（num_channels）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="293"/>
        <source>size</source>
        <translation>尺寸（size）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="294"/>
        <source>p</source>
        <translation>暂退概率（p）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="295"/>
        <source>output_size</source>
        <translation>输出尺寸（output_size）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="296"/>
        <source>embed_dim</source>
        <translation>嵌入维度（embed_dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="297"/>
        <source>num_heads</source>
        <translation>头数（num_heads）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="298"/>
        <source>ceil_mode</source>
        <translation>向上取整（ceil_mode）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="299"/>
        <source>start_dim</source>
        <translation>起始维度（start_dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="300"/>
        <source>end_dim</source>
        <translation>结束维度（end_dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="301"/>
        <source>dim</source>
        <translation>维度（dim）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="302"/>
        <source>negative_slope</source>
        <translation>负斜率（negative_slope）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="303"/>
        <source>transposed</source>
        <translation>转置（transposed）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="304"/>
        <source>batch_first</source>
        <translation>批量维在前（batch_first）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="309"/>
        <source>γ (weight)</source>
        <translation>γ 拉伸参数（weight）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="310"/>
        <source>β (bias)</source>
        <translation>β 偏移参数（bias）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="311"/>
        <source>γ (gamma)</source>
        <translation>γ 拉伸参数（gamma）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="312"/>
        <source>β (beta)</source>
        <translation>β 偏移参数（beta）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="313"/>
        <source>running_mean</source>
        <translation>移动平均均值（running_mean）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="314"/>
        <source>running_var</source>
        <translation>移动平均方差（running_var）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="315"/>
        <source>moving_mean</source>
        <translation>移动平均均值（moving_mean）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="316"/>
        <source>moving_var</source>
        <translation>移动平均方差（moving_var）</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="332"/>
        <source>Click a layer or block to see its numbers.</source>
        <translation>点击一个层或块查看其数据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="251"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="252"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="457"/>
        <source>About NetAtlas</source>
        <translation>关于 NetAtlas</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="314"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="120"/>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="253"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="314"/>
        <source>Running %s…</source>
        <translation>正在运行 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="458"/>
        <source>NetAtlas shows and trains the modern CNNs of Dive into Deep Learning.</source>
        <translation>NetAtlas 展示并训练《动手学深度学习》中的现代卷积神经网络。</translation>
    </message>
</context>
<context>
    <name>ModelBrowser</name>
    <message>
        <location filename="../../gui/browser.py" line="153"/>
        <source>%s
Opening it runs the Python code in this file.</source>
        <translation>%s
打开它会运行这个文件中的 Python 代码。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="254"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2, with random weights (nothing is downloaded).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2，使用随机权重（不下载任何内容）。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="259"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;Your own model.</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;你自己的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="261"/>
        <source>Pick a network to see why the book introduces it.</source>
        <translation>选择一个网络，看看书中为何介绍它。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="264"/>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="265"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="266"/>
        <source>Dive into Deep Learning</source>
        <translation>动手学深度学习</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="267"/>
        <source>torchvision</source>
        <translation>torchvision</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="268"/>
        <source>timm</source>
        <translation>timm</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="270"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="272"/>
        <source>Open a .py file with your own model: its Python code runs</source>
        <translation>打开含有你自己模型的 .py 文件：其中的 Python 代码会运行</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="279"/>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="280"/>
        <source>detection</source>
        <translation>检测</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="281"/>
        <source>segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="282"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="283"/>
        <source>optical flow</source>
        <translation>光流</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="284"/>
        <source>quantized</source>
        <translation>量化</translation>
    </message>
</context>
<context>
    <name>ModelInputs</name>
    <message>
        <location filename="../../gui/inputs.py" line="241"/>
        <source>The model file changed on disk: reloading…</source>
        <translation>模型文件在磁盘上已更改：正在重新加载…</translation>
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
    <name>RunFollowing</name>
    <message>
        <location filename="../../gui/training/follow.py" line="128"/>
        <source>Stop following</source>
        <translation>停止跟踪</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="138"/>
        <source>Run folder to follow</source>
        <translation>要跟踪的运行文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="148"/>
        <source>A run is training in this window: stop it before following another.</source>
        <translation>此窗口中有一个运行正在训练：请先停止它，再跟踪其他运行。</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="198"/>
        <source>This run trains your file: open it to see the run on its diagram.</source>
        <translation>此运行训练的是你自己的文件：打开它即可在其结构图上查看此运行。</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="216"/>
        <source>Waiting for the run</source>
        <translation>等待运行</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="217"/>
        <source>Run in progress</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="218"/>
        <source>Run finished</source>
        <translation>运行已完成</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="219"/>
        <source>Run stopped</source>
        <translation>运行已停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="220"/>
        <source>Run stopped with an error</source>
        <translation>运行因错误而停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="223"/>
        <source>no run in this folder yet</source>
        <translation>此文件夹中还没有运行</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="224"/>
        <source>the folder is out of reach; waiting for it to come back</source>
        <translation>文件夹暂时无法访问；等待它恢复</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="225"/>
        <source>its config.json is not a run&apos;s settings</source>
        <translation>其中的 config.json 不是运行的设置</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="226"/>
        <source>the run was restarted; reading it again</source>
        <translation>运行已重新开始；正在重新读取</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="227"/>
        <source>no new record for %1 min</source>
        <translation>已有 %1 分钟没有新记录</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="239"/>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="239"/>
        <source>%1 epochs</source>
        <translation>%1 轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="240"/>
        <source>batch %1</source>
        <translation>批量 %1</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="243"/>
        <source>%1 processes</source>
        <translation>%1 个进程</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message numerus="yes">
        <location filename="../../gui/search.py" line="139"/>
        <source>+%n in closed blocks</source>
        <translation>
            <numerusform>折叠的块中另有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/search.py" line="142"/>
        <source>Open the %n block(s) that hide these matches</source>
        <translation>
            <numerusform>展开包含这些匹配项的 %n 个块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/search.py" line="146"/>
        <source>Find layer, block or shape (Ctrl+F)</source>
        <translation>查找层、块或形状（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../gui/search.py" line="149"/>
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
        <source>Recorded with forward hooks; torch.fx traced %1 as called, drawn op by op. Elsewhere the diagram shows the branch taken for this input only, and torch functions called in a forward are not drawn.</source>
        <translation>由前向钩子记录；torch.fx 在调用时追踪了 %1，逐个运算画出。其余部分的结构图只显示这个输入所走的分支，前向计算中调用的 torch 函数不会画出。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="73"/>
        <source>Recorded with forward hooks, not traced: the diagram shows the branch taken for this input only, and torch functions called in a forward are not drawn.</source>
        <translation>由前向钩子记录，而非追踪：结构图只显示这个输入所走的分支，前向计算中调用的 torch 函数不会画出。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="78"/>
        <source>torch.fx could not trace every module.</source>
        <translation>torch.fx 未能追踪所有模块。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="82"/>
        <source>1 module drawn as one box: %2.</source>
        <translation>1 个模块画作一个框：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="84"/>
        <source>%1 modules drawn as one box: %2.</source>
        <translation>%1 个模块各画作一个框：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="88"/>
        <source>the root module</source>
        <translation>根模块</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="89"/>
        <source>MACs unknown for %1.</source>
        <translation>%1 的乘加次数未知。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="98"/>
        <source>Traced by torch.fx inside the hook recording</source>
        <translation>在钩子记录中由 torch.fx 追踪</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="99"/>
        <source>Drawn as one box</source>
        <translation>画作一个框</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="100"/>
        <source>MACs unknown</source>
        <translation>乘加次数未知</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="101"/>
        <source>Never called</source>
        <translation>从未调用</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="110"/>
        <source>What the diagram of %1 leaves out</source>
        <translation>%1 的结构图省略了什么</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="124"/>
        <source>Which modules?</source>
        <translation>哪些模块？</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="126"/>
        <source>List every module the diagram leaves out or draws whole</source>
        <translation>列出结构图省略或整体画出的每个模块</translation>
    </message>
</context>
<context>
    <name>TrainControls</name>
    <message>
        <location filename="../../gui/training/controls.py" line="125"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="125"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="125"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="126"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="126"/>
        <source>Resize</source>
        <translation>缩放尺寸</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="126"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="127"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="130"/>
        <source>keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="132"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="133"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="135"/>
        <source>Train %s with these settings</source>
        <translation>用这些设置训练 %s</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="137"/>
        <source>Open a model first: Start trains the model on show</source>
        <translation>请先打开一个模型：“开始”训练当前显示的模型</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="139"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="140"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="147"/>
        <source>Force stop</source>
        <translation>强制停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="149"/>
        <source>End the training process now; the run folder keeps the last epoch</source>
        <translation>立即结束训练进程；运行目录保留最后一轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="152"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="153"/>
        <source>Stop after the current step</source>
        <translation>在当前步结束后停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/training/controls.py" line="198"/>
        <source> (and %n more)</source>
        <translation>
            <numerusform>（另有 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="223"/>
        <source>Training on %s…</source>
        <translation>正在 %s 上训练…</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="230"/>
        <source>epoch %1 · ETA %2 · %3 examples/s</source>
        <translation>第 %1 轮 · 剩余 %2 · %3 样本/秒</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="237"/>
        <source>epoch %1/%2 · loss %3 · train acc %4 · test acc %5</source>
        <translation>第 %1/%2 轮 · 损失 %3 · 训练精度 %4 · 测试精度 %5</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="248"/>
        <source>%1 examples/s on %2; steps: %3</source>
        <translation>%1 样本/秒，设备 %2；步骤：%3</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../gui/training/dock.py" line="151"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="152"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="153"/>
        <source>BN statistics</source>
        <translation>BN 统计量</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="154"/>
        <source>Gradient overlay</source>
        <translation>梯度叠加</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="155"/>
        <source>Colour each layer by its gradient norm (log scale)</source>
        <translation>按梯度范数为每层着色（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="156"/>
        <source>Compare run…</source>
        <translation>对比运行…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="157"/>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="158"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="227"/>
        <source>Last run: %1</source>
        <translation>上次运行：%1</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="238"/>
        <source>The last run of %1 trained a model with other layers (%2): its statistics would land on the wrong boxes. Train it again to see them.</source>
        <translation>%1 的上次运行训练的模型层不同（%2）：它的统计量会落到错误的框上。请重新训练以查看。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="246"/>
        <source>%1 has no BatchNorm layer: there are no batch statistics to show.</source>
        <translation>%1 没有批量规范化层：没有批量统计量可显示。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="248"/>
        <source>No run of %1 yet: train it to see its BatchNorm statistics.</source>
        <translation>%1 还没有运行：训练它以查看批量规范化统计量。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="300"/>
        <source>Preparing the data and the model…</source>
        <translation>正在准备数据和模型…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="310"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="365"/>
        <source>Training process ended; the run folder keeps the last finished epoch.</source>
        <translation>训练进程已结束；运行目录保留最后完成的一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="368"/>
        <source>Stopped; the run folder keeps the last epoch.</source>
        <translation>已停止；运行目录保存了最后一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="384"/>
        <source>‖grad‖ %1 … %2 (log colour)</source>
        <translation>‖grad‖ %1 … %2（对数着色）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="417"/>
        <source>Run folder to compare</source>
        <translation>要对比的运行目录</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="424"/>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="431"/>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
</context>
<context>
    <name>UserCode</name>
    <message>
        <location filename="../../gui/usercode.py" line="96"/>
        <source>Open model file (its Python code will run)</source>
        <translation>打开模型文件（其中的 Python 代码会运行）</translation>
    </message>
</context>
<context>
    <name>UserModelDialog</name>
    <message>
        <location filename="../../gui/browser.py" line="313"/>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="320"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="321"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="322"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../gui/actions.py" line="223"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="224"/>
        <source>Open a .py file with your own model: its Python code runs</source>
        <translation>打开含有你自己模型的 .py 文件：其中的 Python 代码会运行</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="227"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="229"/>
        <source>Load the model again (its file too, if it is yours) and keep the open blocks</source>
        <translation>重新加载模型（若是您自己的模型，也重新读取其文件），已展开的块保持展开</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="232"/>
        <source>Input…</source>
        <translation>输入…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="232"/>
        <source>Trace the model with other inputs</source>
        <translation>用其他输入重新追踪模型</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="234"/>
        <source>Compare with…</source>
        <translation>与其他模型对比…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="235"/>
        <source>Set up to three models beside this one, their stages lined up</source>
        <translation>在这个模型旁并排放置至多三个模型，各阶段对齐</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="237"/>
        <source>Close comparison</source>
        <translation>关闭对比</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="238"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="238"/>
        <source>Export the diagram as PNG, SVG, PDF or JSON</source>
        <translation>将结构图导出为 PNG、SVG、PDF 或 JSON</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="240"/>
        <source>Follow run…</source>
        <translation>跟踪运行…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="241"/>
        <source>Watch a run folder that another process writes (a terminal, a server)</source>
        <translation>观察另一个进程（终端、服务器）写入的运行文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="243"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="244"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="245"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="246"/>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="247"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="247"/>
        <source>Fit the whole diagram</source>
        <translation>完整显示整个结构图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="248"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="248"/>
        <source>Find a layer or block by name or shape</source>
        <translation>按名称或形状查找层或块</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="249"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="250"/>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="251"/>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="251"/>
        <source>Show tensor shapes on the connections</source>
        <translation>在连线上显示张量形状</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="253"/>
        <source>Book style</source>
        <translation>书中样式</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="255"/>
        <source>Draw as the book&apos;s figures do: its wording and three fills, activations folded into their layers, Dropout and Flatten left out</source>
        <translation>按书中插图的画法绘制：书中的措辞和三种填充色，激活函数并入所在层，省略暂退法和展平</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="260"/>
        <source>Fold repeats</source>
        <translation>折叠重复块</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="261"/>
        <source>Draw each run of repeated blocks once, marked N ×</source>
        <translation>连续重复的块只画一次，并标注 N ×</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="264"/>
        <source>Overview map</source>
        <translation>概览图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="265"/>
        <source>A map of the whole diagram in the corner when it does not fit</source>
        <translation>结构图放不下时，在一侧显示整体缩略图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="267"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="268"/>
        <source>About NetAtlas</source>
        <translation>关于 NetAtlas</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="277"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="278"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="279"/>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="280"/>
        <source>Book figures</source>
        <translation>书中的对比图</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="286"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="287"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="288"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="290"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="291"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="292"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="298"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="299"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="300"/>
        <source>How deep blocks are opened (auto = a readable overview)</source>
        <translation>块展开的深度（自动 = 易读的概览）</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="301"/>
        <source>Flow</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="303"/>
        <source>Bottom → top (book)</source>
        <translation>自下而上（书中画法）</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="304"/>
        <source>Top → bottom</source>
        <translation>自上而下</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="305"/>
        <source>Left → right</source>
        <translation>从左到右</translation>
    </message>
    <message>
        <location filename="../../gui/actions.py" line="309"/>
        <source>Which way the data flows in the diagram</source>
        <translation>结构图中数据流动的方向</translation>
    </message>
</context>
</TS>
