<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationsView</name>
    <message>
        <location filename="../../gui/training/activations.py" line="182"/>
        <source>Before training</source>
        <translation>训练之前</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="184"/>
        <source>Now (the last finished epoch)</source>
        <translation>现在（最后完成的一轮）</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="225"/>
        <source>after epoch %1</source>
        <translation>第 %1 轮之后</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="227"/>
        <source>before training</source>
        <translation>训练之前</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="230"/>
        <source>%1 channels of %2, %3; each channel scaled to its own range</source>
        <translation>%1 个 %2 通道，%3；每个通道按自身范围着色</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="233"/>
        <source>(the first %1 shown)</source>
        <translation>（显示前 %1 个）</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="238"/>
        <source>Open a model to see what its layers compute.</source>
        <translation>打开一个模型，查看它的各层计算了什么。</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="241"/>
        <source>A model from a file runs only in its own process: its feature maps are not computed in the app.</source>
        <translation>来自文件的模型只在它自己的进程中运行：应用中不计算它的特征图。</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="245"/>
        <source>Select a layer in the diagram to see its feature maps.</source>
        <translation>在结构图中选择一层，查看它的特征图。</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="276"/>
        <source>Test image %1</source>
        <translation>测试图像 %1</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="301"/>
        <source>A run keeps histograms of activation layers and blocks: select a ReLU, a sigmoid or a block and train to see its values move.</source>
        <translation>训练会记录激活层和块的直方图：选择一个 ReLU、sigmoid 或块并开始训练，即可看到其数值的变化。</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="318"/>
        <source>Output values of %1 over the run</source>
        <translation>%1 的输出值在训练中的变化</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="322"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="323"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="324"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="325"/>
        <source>share of values</source>
        <translation>数值占比</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="331"/>
        <source>Layer %1</source>
        <translation>层 %1</translation>
    </message>
    <message>
        <location filename="../../gui/training/activations.py" line="332"/>
        <source>What a layer sees</source>
        <translation>一层看到了什么</translation>
    </message>
</context>
<context>
    <name>BNView</name>
    <message>
        <location filename="../../gui/training/bnview.py" line="133"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="133"/>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="133"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="135"/>
        <source>Running mean per channel</source>
        <translation>各通道的移动平均均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="136"/>
        <source>Running mean: channel mean ± std</source>
        <translation>移动平均均值：通道均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="137"/>
        <source>Running var per channel</source>
        <translation>各通道的移动平均方差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="138"/>
        <source>Running var: channel mean ± std</source>
        <translation>移动平均方差：通道均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="139"/>
        <source>This batch&apos;s mean vs running mean</source>
        <translation>本批量均值与移动平均均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="139"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="140"/>
        <source>This batch&apos;s var vs running var</source>
        <translation>本批量方差与移动平均方差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="140"/>
        <source>var</source>
        <translation>方差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="141"/>
        <source>γ and β per channel</source>
        <translation>各通道的 γ 和 β</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="142"/>
        <source>Layer input over time: mean ± std</source>
        <translation>该层输入随时间的变化：均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="146"/>
        <source>BN layer</source>
        <translation>BN 层</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="147"/>
        <source>Click a BatchNorm box in the diagram, or choose it here.</source>
        <translation>在图中点击一个批量规范化层，或在此选择。</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="154"/>
        <location filename="../../gui/training/bnview.py" line="156"/>
        <source>batch</source>
        <translation>本批量</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="155"/>
        <location filename="../../gui/training/bnview.py" line="157"/>
        <source>running</source>
        <translation>移动平均</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="158"/>
        <source>γ (scale)</source>
        <translation>γ（拉伸）</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="159"/>
        <source>β (shift)</source>
        <translation>β（偏移）</translation>
    </message>
</context>
<context>
    <name>ColumnBar</name>
    <message>
        <location filename="../../gui/compare/bars.py" line="110"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../../gui/compare/bars.py" line="111"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/compare/bars.py" line="114"/>
        <source>How deep this column&apos;s blocks are opened</source>
        <translation>这一列的块展开到多深</translation>
    </message>
    <message>
        <location filename="../../gui/compare/bars.py" line="115"/>
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
        <location filename="../../gui/compare/controller.py" line="93"/>
        <source>Open a model first, then compare it with others.</source>
        <translation>请先打开一个模型，再与其他模型对比。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/compare/controller.py" line="112"/>
        <source>A comparison shows at most %n models: %1 left out.</source>
        <translation>
            <numerusform>对比最多显示 %n 个模型：未包含 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="141"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/compare/controller.py" line="257"/>
        <source>A comparison shows at most %n models: remove one first.</source>
        <translation>
            <numerusform>一次对比最多显示 %n 个模型：请先移除一个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../gui/compare/view.py" line="365"/>
        <source>Expand all below</source>
        <translation>展开其下全部</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="370"/>
        <source>Collapse %s</source>
        <translation>折叠 %s</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="418"/>
        <source>Close comparison</source>
        <translation>关闭对比</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="419"/>
        <source>Back to the single model</source>
        <translation>回到单个模型</translation>
    </message>
</context>
<context>
    <name>CurvePlots</name>
    <message>
        <location filename="../../gui/training/plots.py" line="149"/>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="150"/>
        <source>train acc</source>
        <translation>训练精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="151"/>
        <source>test acc</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="152"/>
        <source>loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="153"/>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="154"/>
        <source>epoch mean</source>
        <translation>每轮均值</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="186"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="188"/>
        <source>Weight of the moving average drawn over the loss per step, as in TensorBoard (0: the raw values)</source>
        <translation>每步损失上所画移动平均的权重，与 TensorBoard 相同（0：原始值）</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="194"/>
        <source>No curves yet: press Start to train the model on show, or open Runs… to overlay earlier runs.</source>
        <translation>还没有曲线：按“开始”训练当前模型，或打开“训练记录…”叠加以前的训练。</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="198"/>
        <source>Loss and accuracy</source>
        <translation>损失和精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="199"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="200"/>
        <source>loss / acc</source>
        <translation>损失 / 精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="201"/>
        <source>Training loss per step</source>
        <translation>每步的训练损失</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="202"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/training/plots.py" line="203"/>
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
    <name>DiagramMarks</name>
    <message>
        <location filename="../../gui/training/overlay.py" line="85"/>
        <source>%1
gradient norm ‖grad‖ = %2</source>
        <translation>%1
梯度范数 ‖grad‖ = %2</translation>
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
        <location filename="../../gui/inputs.py" line="193"/>
        <source>Input of %1</source>
        <translation>%1 的输入</translation>
    </message>
    <message>
        <location filename="../../gui/inputs.py" line="194"/>
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
    <name>LessonPanel</name>
    <message>
        <location filename="../../gui/lessons/panel.py" line="222"/>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="222"/>
        <source>MACs</source>
        <translation>MACs</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="222"/>
        <source>params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="223"/>
        <source>test acc</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="223"/>
        <source>ex/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="227"/>
        <source>Preparing the data and the networks…</source>
        <translation>正在准备数据和网络…</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="254"/>
        <source>BN layer %1</source>
        <translation>BN 层 %1</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="256"/>
        <source>The BN statistics appear with the first steps.</source>
        <translation>BN 统计量在最初几步后出现。</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="266"/>
        <source>The gap is measured after each epoch.</source>
        <translation>差距在每轮结束后测量。</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="273"/>
        <source>%1: preparing…</source>
        <translation>%1：准备中…</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="275"/>
        <source>%1: training on %2…</source>
        <translation>%1：正在 %2 上训练…</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="279"/>
        <source>%1: epoch %2 · loss %3 · train acc %4</source>
        <translation>%1：第 %2 轮 · 损失 %3 · 训练准确率 %4</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="287"/>
        <source>%1: epoch %2/%3 · train acc %4 · test acc %5</source>
        <translation>%1：第 %2/%3 轮 · 训练准确率 %4 · 测试准确率 %5</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="298"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="299"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="304"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="304"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="305"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="305"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="306"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="306"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="306"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="307"/>
        <source>log₁₀ ‖grad‖</source>
        <translation>log₁₀ ‖梯度‖</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="307"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="308"/>
        <source>First BN layer: input</source>
        <translation>第一个 BN 层：输入</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="309"/>
        <source>Running mean</source>
        <translation>移动均值</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="309"/>
        <source>Running var</source>
        <translation>移动方差</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="310"/>
        <source>running mean (channel average)</source>
        <translation>移动均值（通道平均）</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="311"/>
        <source>running var (channel average)</source>
        <translation>移动方差（通道平均）</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="312"/>
        <source>input mean</source>
        <translation>输入均值</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="312"/>
        <source>input std</source>
        <translation>输入标准差</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="313"/>
        <source>Train − test accuracy</source>
        <translation>训练 − 测试准确率</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="313"/>
        <source>gap</source>
        <translation>差距</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="317"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="318"/>
        <source>Stop every run of the lesson after its step</source>
        <translation>在当前步之后停止本课程的每个训练</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="319"/>
        <source>Run again</source>
        <translation>再运行一次</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/panel.py" line="322"/>
        <source>Choose a lesson from the Lessons menu.</source>
        <translation>请从“课程”菜单中选择一课。</translation>
    </message>
</context>
<context>
    <name>LessonsMenu</name>
    <message>
        <location filename="../../gui/lessons/controller.py" line="32"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/lessons/controller.py" line="41"/>
        <source>A lesson is running: stop it before starting another.</source>
        <translation>一个课程正在运行：请先停止它，再开始另一个。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="256"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="257"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="474"/>
        <source>About NetAtlas</source>
        <translation>关于 NetAtlas</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="319"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="125"/>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="258"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="319"/>
        <source>Running %s…</source>
        <translation>正在运行 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="475"/>
        <source>NetAtlas shows and trains the modern CNNs of Dive into Deep Learning.</source>
        <translation>NetAtlas 展示并训练《动手学深度学习》中的现代卷积神经网络。</translation>
    </message>
</context>
<context>
    <name>ModelBrowser</name>
    <message>
        <location filename="../../gui/browser.py" line="155"/>
        <source>%s
Opening it runs the Python code in this file.</source>
        <translation>%s
打开它会运行这个文件中的 Python 代码。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="256"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2, with random weights (nothing is downloaded).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2，使用随机权重（不下载任何内容）。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="262"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;A network of the lessons (Lessons menu).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;课程中使用的网络（课程菜单）。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="265"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;Your own model.</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;你自己的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="269"/>
        <source>Pick a network to see why the book introduces it.</source>
        <translation>选择一个网络，看看书中为何介绍它。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="272"/>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="273"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="274"/>
        <source>Dive into Deep Learning</source>
        <translation>动手学深度学习</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="275"/>
        <source>torchvision</source>
        <translation>torchvision</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="276"/>
        <source>timm</source>
        <translation>timm</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="278"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="280"/>
        <source>Open a .py file with your own model: its Python code runs</source>
        <translation>打开含有你自己模型的 .py 文件：其中的 Python 代码会运行</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="287"/>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="288"/>
        <source>detection</source>
        <translation>检测</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="289"/>
        <source>segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="290"/>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="291"/>
        <source>optical flow</source>
        <translation>光流</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="292"/>
        <source>quantized</source>
        <translation>量化</translation>
    </message>
</context>
<context>
    <name>ModelInputs</name>
    <message>
        <location filename="../../gui/inputs.py" line="256"/>
        <source>The model file changed on disk: reloading…</source>
        <translation>模型文件在磁盘上已更改：正在重新加载…</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <location filename="../../gui/training/export.py" line="99"/>
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
    <message numerus="yes">
        <location filename="../../gui/training/follow.py" line="234"/>
        <source>%n damaged line(s) of the log skipped</source>
        <translation>
            <numerusform>已跳过日志中 %n 行损坏的记录</numerusform>
        </translation>
    </message>
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
        <location filename="../../gui/training/follow.py" line="243"/>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="243"/>
        <source>%1 epochs</source>
        <translation>%1 轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="244"/>
        <source>batch %1</source>
        <translation>批量 %1</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="247"/>
        <source>%1 processes</source>
        <translation>%1 个进程</translation>
    </message>
</context>
<context>
    <name>RunsDock</name>
    <message>
        <location filename="../../gui/runs_dock.py" line="194"/>
        <source>Tick to overlay this run&apos;s curves on the Train panel&apos;s plots</source>
        <translation>勾选后，在训练面板的图表上叠加此次训练的曲线</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="199"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="199"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="200"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="200"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="201"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="201"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="202"/>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="228"/>
        <source>Train further…</source>
        <translation>继续训练…</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="273"/>
        <source>Rename run</source>
        <translation>重命名训练</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="273"/>
        <source>New name of the run folder:</source>
        <translation>训练文件夹的新名称：</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="300"/>
        <source>%1 is still training: stop it first.</source>
        <translation>%1 仍在训练：请先停止它。</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="313"/>
        <source>Delete run</source>
        <translation>删除训练</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="315"/>
        <source>There is no trash here: delete %1 and all its files for good?</source>
        <translation>此处没有回收站：要永久删除 %1 及其所有文件吗？</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="343"/>
        <source>Train further</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="344"/>
        <source>%1 has trained its %2 epochs. Train it to how many in all?</source>
        <translation>%1 已训练完 %2 个迭代周期。共训练到多少个？</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="361"/>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="363"/>
        <source>run</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="363"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="363"/>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="364"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="364"/>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="364"/>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="365"/>
        <source>train acc</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="365"/>
        <source>test acc</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="366"/>
        <source>ex/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="366"/>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="367"/>
        <source>started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="367"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="372"/>
        <source>No runs in %1 yet. Train a model on the Train panel or start a lesson: its runs appear here.</source>
        <translation>%1 中还没有训练记录。在训练面板上训练一个模型或开始一个课程，其训练记录会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="376"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="377"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="378"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="379"/>
        <source>Move the run folder to the trash</source>
        <translation>把训练文件夹移到回收站</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="380"/>
        <source>Overlay folder…</source>
        <translation>叠加文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="381"/>
        <source>Overlay a run folder from anywhere</source>
        <translation>叠加任意位置的训练文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="228"/>
        <location filename="../../gui/runs_dock.py" line="382"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/runs_dock.py" line="384"/>
        <source>Continue the run from its last finished epoch, in its own folder</source>
        <translation>从最后完成的一轮继续训练，写入原文件夹</translation>
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
    <name>SummaryPanel</name>
    <message>
        <location filename="../../gui/compare/summary.py" line="56"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../gui/compare/summary.py" line="67"/>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gui/compare/summary.py" line="72"/>
        <source>MACs</source>
        <translation>乘加</translation>
    </message>
    <message>
        <location filename="../../gui/compare/summary.py" line="89"/>
        <source>%1 has %2 the params and %3 the MACs of %4</source>
        <translation>%1 的参数量是 %4 的 %2，乘加次数是其 %3</translation>
    </message>
    <message>
        <location filename="../../gui/compare/summary.py" line="91"/>
        <source>%1: %2 and %3</source>
        <translation>%1：%2 和 %3</translation>
    </message>
</context>
<context>
    <name>TraceBanner</name>
    <message>
        <location filename="../../gui/banner.py" line="81"/>
        <source>Recorded with forward hooks; torch.fx traced %1 as called, drawn op by op. Elsewhere the diagram shows the branch taken for this input only, and torch functions called in a forward are not drawn.</source>
        <translation>由前向钩子记录；torch.fx 在调用时追踪了 %1，逐个运算画出。其余部分的结构图只显示这个输入所走的分支，前向计算中调用的 torch 函数不会画出。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="89"/>
        <source>Recorded with forward hooks, not traced: the diagram shows the branch taken for this input only, and torch functions called in a forward are not drawn.</source>
        <translation>由前向钩子记录，而非追踪：结构图只显示这个输入所走的分支，前向计算中调用的 torch 函数不会画出。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="94"/>
        <source>torch.fx could not trace every module.</source>
        <translation>torch.fx 未能追踪所有模块。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="98"/>
        <source>1 module drawn as one box: %2.</source>
        <translation>1 个模块画作一个框：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="100"/>
        <source>%1 modules drawn as one box: %2.</source>
        <translation>%1 个模块各画作一个框：%2。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="104"/>
        <source>the root module</source>
        <translation>根模块</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="105"/>
        <source>MACs unknown for %1.</source>
        <translation>%1 的乘加次数未知。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="107"/>
        <source>Not drawn: %1.</source>
        <translation>未画出：%1。</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="117"/>
        <source>Traced by torch.fx inside the hook recording</source>
        <translation>在钩子记录中由 torch.fx 追踪</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="118"/>
        <source>Drawn as one box</source>
        <translation>画作一个框</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="119"/>
        <source>MACs unknown</source>
        <translation>乘加次数未知</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="120"/>
        <source>Never called</source>
        <translation>从未调用</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="132"/>
        <source>What the diagram of %1 leaves out</source>
        <translation>%1 的结构图省略了什么</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="146"/>
        <source>Which modules?</source>
        <translation>哪些模块？</translation>
    </message>
    <message>
        <location filename="../../gui/banner.py" line="148"/>
        <source>List every module the diagram leaves out or draws whole</source>
        <translation>列出结构图省略或整体画出的每个模块</translation>
    </message>
</context>
<context>
    <name>TrainControls</name>
    <message>
        <location filename="../../gui/training/controls.py" line="132"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="132"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="132"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="133"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="133"/>
        <source>Resize</source>
        <translation>缩放尺寸</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="133"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="134"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="137"/>
        <source>keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="139"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="140"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="142"/>
        <source>Train %s with these settings</source>
        <translation>用这些设置训练 %s</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="144"/>
        <source>Open a model first: Start trains the model on show</source>
        <translation>请先打开一个模型：“开始”训练当前显示的模型</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="146"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="147"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="154"/>
        <source>Force stop</source>
        <translation>强制停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="156"/>
        <source>End the training process now; the run folder keeps the last epoch</source>
        <translation>立即结束训练进程；运行目录保留最后一轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="159"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="160"/>
        <source>Stop after the current step</source>
        <translation>在当前步结束后停止</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/training/controls.py" line="205"/>
        <source> (and %n more)</source>
        <translation>
            <numerusform>（另有 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="228"/>
        <source>Generating the built-in data set… %1 %</source>
        <translation>正在生成内置数据集… %1 %</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="232"/>
        <source>Building the model…</source>
        <translation>正在构建模型…</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="238"/>
        <source>Training on %s…</source>
        <translation>正在 %s 上训练…</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="245"/>
        <source>epoch %1 · ETA %2 · %3 examples/s</source>
        <translation>第 %1 轮 · 剩余 %2 · %3 样本/秒</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="252"/>
        <source>epoch %1/%2 · loss %3 · train acc %4 · test acc %5</source>
        <translation>第 %1/%2 轮 · 损失 %3 · 训练精度 %4 · 测试精度 %5</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="263"/>
        <source>%1 examples/s on %2; steps: %3</source>
        <translation>%1 样本/秒，设备 %2；步骤：%3</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../gui/training/dock.py" line="175"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="176"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="177"/>
        <source>BN statistics</source>
        <translation>BN 统计量</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="178"/>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="179"/>
        <source>What the layer selected in the diagram computes</source>
        <translation>结构图中所选层的计算结果</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="180"/>
        <source>Gradient overlay</source>
        <translation>梯度叠加</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="181"/>
        <source>Colour each layer by its gradient norm (log scale)</source>
        <translation>按梯度范数为每层着色（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="182"/>
        <source>Runs…</source>
        <translation>训练记录…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="183"/>
        <source>Every run, to overlay, resume, rename or delete</source>
        <translation>所有训练记录：叠加、继续、重命名或删除</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="184"/>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="185"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="259"/>
        <source>Last run: %1</source>
        <translation>上次运行：%1</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="270"/>
        <source>The last run of %1 trained a model with other layers (%2): its statistics would land on the wrong boxes. Train it again to see them.</source>
        <translation>%1 的上次运行训练的模型层不同（%2）：它的统计量会落到错误的框上。请重新训练以查看。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="278"/>
        <source>%1 has no BatchNorm layer: there are no batch statistics to show.</source>
        <translation>%1 没有批量规范化层：没有批量统计量可显示。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="280"/>
        <source>No run of %1 yet: train it to see its BatchNorm statistics.</source>
        <translation>%1 还没有运行：训练它以查看批量规范化统计量。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="369"/>
        <source>Preparing the data and the model…</source>
        <translation>正在准备数据和模型…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="379"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="395"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="443"/>
        <source>Training process ended; the run folder keeps the last finished epoch.</source>
        <translation>训练进程已结束；运行目录保留最后完成的一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="446"/>
        <source>Stopped; the run folder keeps the last epoch.</source>
        <translation>已停止；运行目录保存了最后一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="466"/>
        <source>‖grad‖ %1</source>
        <translation>‖grad‖ %1</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="468"/>
        <source>%1 (log scale)</source>
        <translation>%1（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="470"/>
        <source>Hover a box for its gradient norm</source>
        <translation>把鼠标停在框上可查看其梯度范数</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="510"/>
        <source>Run folder to compare</source>
        <translation>要对比的运行目录</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="517"/>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="524"/>
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
        <location filename="../../gui/browser.py" line="321"/>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="328"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="329"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="330"/>
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
