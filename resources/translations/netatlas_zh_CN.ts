<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BNView</name>
    <message>
        <location filename="../../gui/training/bnview.py" line="122"/>
        <source>BN layer</source>
        <translation>BN 层</translation>
    </message>
    <message>
        <location filename="../../gui/training/bnview.py" line="123"/>
        <source>Click a BatchNorm box in the diagram, or choose it here.</source>
        <translation>在图中点击一个批量规范化层，或在此选择。</translation>
    </message>
</context>
<context>
    <name>ColumnBar</name>
    <message>
        <location filename="../../gui/compare/view.py" line="147"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="148"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="149"/>
        <source>How deep this column's blocks are opened</source>
        <translation>这一列的块展开到多深</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="150"/>
        <source>Remove this column from the comparison</source>
        <translation>从对比中移除这一列</translation>
    </message>
</context>
<context>
    <name>CompareChooser</name>
    <message>
        <location filename="../../gui/compare/chooser.py" line="1"/>
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
        <location filename="../../gui/compare/controller.py" line="107"/>
        <source>Open a model first, then compare it with others.</source>
        <translation>请先打开一个模型，再与其他模型对比。</translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="141"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/compare/controller.py" line="228"/>
        <source>A comparison shows at most %n models: remove one first.</source>
        <translation>
            <numerusform>一次对比最多显示 %n 个模型：请先移除一个。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="304"/>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="305"/>
        <source>Book figures</source>
        <translation>书中的对比图</translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="1"/>
        <location filename="../../gui/compare/controller.py" line="103"/>
        <source>Compare with…</source>
        <translation>与其他模型对比…</translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="308"/>
        <source>Set up to three models beside this one, their stages lined up (Ctrl+K)</source>
        <translation>把最多三个模型与当前模型并排，各阶段对齐（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../gui/compare/controller.py" line="310"/>
        <source>Close comparison</source>
        <translation>关闭对比</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../gui/compare/view.py" line="441"/>
        <source>Expand all below</source>
        <translation>展开其下全部</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="446"/>
        <source>Collapse %s</source>
        <translation>折叠 %s</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="497"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="507"/>
        <source>Params</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="512"/>
        <location filename="../../gui/compare/view.py" line="529"/>
        <source>MACs</source>
        <translation>乘加</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="529"/>
        <source>%1 has %2 the params and %3 the MACs of %4</source>
        <translation>%1 的参数量是 %4 的 %2，乘加次数是其 %3</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="531"/>
        <source>%1: %2 and %3</source>
        <translation>%1：%2 和 %3</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="543"/>
        <source>Close comparison</source>
        <translation>关闭对比</translation>
    </message>
    <message>
        <location filename="../../gui/compare/view.py" line="544"/>
        <source>Back to the single model</source>
        <translation>回到单个模型</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/export_dialog.py" line="194"/>
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="210"/>
        <source>Image copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="242"/>
        <location filename="../../gui/export_dialog.py" line="248"/>
        <source>Export diagram</source>
        <translation>导出结构图</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="250"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="251"/>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="252"/>
        <source>DPI</source>
        <translation>DPI</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="253"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="254"/>
        <source>Part</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="255"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="259"/>
        <source>Whole model</source>
        <translation>整个模型</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="260"/>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="261"/>
        <source>Selection</source>
        <translation>选中项</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="262"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="263"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="264"/>
        <source>Copy image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../../gui/export_dialog.py" line="265"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../gui/inspector.py" line="107"/>
        <source>Nothing selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="178"/>
        <source>computing from the model&apos;s initialisation…</source>
        <translation>正在根据模型初始化计算…</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="189"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="190"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="191"/>
        <source>Module path</source>
        <translation>模块路径</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="192"/>
        <source>Operation</source>
        <translation>运算</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="193"/>
        <source>Input shape</source>
        <translation>输入形状</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="194"/>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="195"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="196"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="197"/>
        <source>Share of parameters</source>
        <translation>参数占比</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="198"/>
        <source>MACs</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="199"/>
        <source>Share of MACs</source>
        <translation>乘加占比</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="200"/>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="201"/>
        <source>Child modules</source>
        <translation>子模块</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="202"/>
        <source>Layers inside</source>
        <translation>内含层数</translation>
    </message>
    <message>
        <location filename="../../gui/inspector.py" line="221"/>
        <source>Click a layer or block to see its numbers.</source>
        <translation>点击一个层或块查看其数据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="345"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="346"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="347"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="348"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="349"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="350"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="351"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="352"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="353"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="354"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="355"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="356"/>
        <source>Fit the whole diagram (F)</source>
        <translation>显示整张图（F）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="357"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="358"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="359"/>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="360"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="361"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="362"/>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="363"/>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="364"/>
        <source>Show tensor shapes on the connections</source>
        <translation>在连线上显示张量形状</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="365"/>
        <source>Book style</source>
        <translation>书中样式</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="368"/>
        <source>Draw as the book&apos;s figures do: its wording and three fills, activations folded into their layers, Dropout and Flatten left out (B)</source>
        <translation>按书中插图的方式绘制：书中的用语和三种填充色，激活函数并入其所在层，省略暂退法和展平层 (B)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="372"/>
        <source>Fold repeats</source>
        <translation>折叠重复块</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="374"/>
        <source>Draw each run of repeated blocks once, marked N × (R)</source>
        <translation>每组连续重复的块只画一次，并标注 N × (R)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="376"/>
        <source>Overview map</source>
        <translation>概览图</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="378"/>
        <source>A map of the whole diagram in the corner when it does not fit (M)</source>
        <translation>结构图放不下时，在角落显示整张图的缩略图（M）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="380"/>
        <location filename="../../gui/main_window.py" line="790"/>
        <source>About NetAtlas</source>
        <translation>关于 NetAtlas</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="382"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="383"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="384"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="390"/>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="391"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="392"/>
        <source>How deep blocks are opened (auto = a readable overview)</source>
        <translation>块展开的深度（自动 = 易读的概览）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="393"/>
        <source>Flow</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="395"/>
        <source>Bottom → top (book)</source>
        <translation>自下而上（书中画法）</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="396"/>
        <source>Top → bottom</source>
        <translation>自上而下</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="397"/>
        <source>Left → right</source>
        <translation>从左到右</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="436"/>
        <source>Tracing %s…</source>
        <translation>正在追踪 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="474"/>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="486"/>
        <source>Loading %s…</source>
        <translation>正在加载 %s…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="526"/>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="641"/>
        <source>Expand all below</source>
        <translation>展开其下全部</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="645"/>
        <source>Collapse %s</source>
        <translation>折叠 %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/main_window.py" line="654"/>
        <source>Fold the %n repeated blocks</source>
        <translation>
            <numerusform>折叠这 %n 个重复块</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/main_window.py" line="659"/>
        <source>Show all %n repeated blocks</source>
        <translation>
            <numerusform>显示全部 %n 个重复块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="663"/>
        <source>Copy label</source>
        <translation>复制标签</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="664"/>
        <source>Export this…</source>
        <translation>导出此项…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="753"/>
        <source>%1 params · %2 MACs · %3 MB weights (fp32)</source>
        <translation>%1 参数 · %2 乘加 · 权重 %3 MB (fp32)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="758"/>
        <source>traced with %s</source>
        <translation>追踪方式 %s</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="759"/>
        <source>torch.fx traced the whole model</source>
        <translation>torch.fx 追踪了整个模型</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="791"/>
        <source>NetAtlas shows and trains the modern CNNs of Dive into Deep Learning.</source>
        <translation>NetAtlas 展示并训练《动手学深度学习》中的现代卷积神经网络。</translation>
    </message>
</context>
<context>
    <name>ModelBrowser</name>
    <message>
        <location filename="../../gui/browser.py" line="155"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;torchvision classification model with random weights (weights=None).</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;torchvision 分类模型，随机初始化权重（weights=None）。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="161"/>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;Your own model.</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;你自己的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="163"/>
        <source>Pick a network to see why the book introduces it.</source>
        <translation>选择一个网络，看看书中为何介绍它。</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="166"/>
        <source>Filter models…</source>
        <translation>筛选模型…</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="167"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="168"/>
        <source>Dive into Deep Learning</source>
        <translation>动手学深度学习</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="169"/>
        <source>torchvision</source>
        <translation>torchvision</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="170"/>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
</context>
<context>
    <name>RunFollowing</name>
    <message>
        <location filename="../../gui/training/follow.py" line="134"/>
        <source>Follow run…</source>
        <translation>跟踪运行…</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="136"/>
        <source>Watch a run folder that another process writes (a terminal, a server)</source>
        <translation>观察另一个进程（终端、服务器）写入的运行文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="138"/>
        <source>Stop following</source>
        <translation>停止跟踪</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="148"/>
        <source>Run folder to follow</source>
        <translation>要跟踪的运行文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="158"/>
        <source>A run is training in this window: stop it before following another.</source>
        <translation>此窗口中有一个运行正在训练：请先停止它，再跟踪其他运行。</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="205"/>
        <source>The run trains %1: open that file to see the run on its diagram.</source>
        <translation>该运行训练的是 %1：打开这个文件即可在其结构图上查看此运行。</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="225"/>
        <source>Waiting for the run</source>
        <translation>等待运行</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="226"/>
        <source>Run in progress</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="227"/>
        <source>Run finished</source>
        <translation>运行已完成</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="228"/>
        <source>Run stopped</source>
        <translation>运行已停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="229"/>
        <source>Run stopped with an error</source>
        <translation>运行因错误而停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="232"/>
        <source>no run in this folder yet</source>
        <translation>此文件夹中还没有运行</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="233"/>
        <source>the folder is out of reach; waiting for it to come back</source>
        <translation>文件夹暂时无法访问；等待它恢复</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="234"/>
        <source>its config.json is not a run's settings</source>
        <translation>其中的 config.json 不是运行的设置</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="235"/>
        <source>the run was restarted; reading it again</source>
        <translation>运行已重新开始；正在重新读取</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="236"/>
        <source>no new record for %1 min</source>
        <translation>已有 %1 分钟没有新记录</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="248"/>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="248"/>
        <source>%1 epochs</source>
        <translation>%1 轮</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="249"/>
        <source>batch %1</source>
        <translation>批量 %1</translation>
    </message>
    <message>
        <location filename="../../gui/training/follow.py" line="252"/>
        <source>%1 processes</source>
        <translation>%1 个进程</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message numerus="yes">
        <location filename="../../gui/search.py" line="111"/>
        <source>+%n in closed blocks</source>
        <translation>
            <numerusform>折叠的块中另有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/search.py" line="114"/>
        <source>Open the %n block(s) that hide these matches</source>
        <translation>
            <numerusform>展开包含这些匹配项的 %n 个块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/search.py" line="118"/>
        <source>Find layer or block (Ctrl+F)</source>
        <translation>查找层或块（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>TrainControls</name>
    <message>
        <location filename="../../gui/training/controls.py" line="107"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="107"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="107"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="108"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="108"/>
        <source>Resize</source>
        <translation>缩放尺寸</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="108"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="109"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="112"/>
        <source>keep</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="113"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="114"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="115"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="116"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="165"/>
        <source>Training on %s…</source>
        <translation>正在 %s 上训练…</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="171"/>
        <source>epoch %1 · ETA %2 · %3 examples/s</source>
        <translation>第 %1 轮 · 剩余 %2 · %3 样本/秒</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="178"/>
        <source>epoch %1/%2 · loss %3 · train acc %4 · test acc %5</source>
        <translation>第 %1/%2 轮 · 损失 %3 · 训练精度 %4 · 测试精度 %5</translation>
    </message>
    <message>
        <location filename="../../gui/training/controls.py" line="189"/>
        <source>%1 examples/s on %2; steps: %3</source>
        <translation>%1 样本/秒，设备 %2；步骤：%3</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <location filename="../../gui/training/dock.py" line="140"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="141"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="142"/>
        <source>BN statistics</source>
        <translation>BN 统计量</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="143"/>
        <source>Gradient overlay</source>
        <translation>梯度叠加</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="144"/>
        <source>Colour each layer by its gradient norm (log scale)</source>
        <translation>按梯度范数为每层着色（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="145"/>
        <source>Compare run…</source>
        <translation>对比运行…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="146"/>
        <source>Export plots…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="147"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="214"/>
        <source>Preparing the data and the model…</source>
        <translation>正在准备数据和模型…</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="224"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="259"/>
        <source>Stopped; the run folder keeps the last epoch.</source>
        <translation>已停止；运行目录保存了最后一轮。</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="275"/>
        <source>‖grad‖ %1 … %2 (log colour)</source>
        <translation>‖grad‖ %1 … %2（对数着色）</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="307"/>
        <source>Run folder to compare</source>
        <translation>要对比的运行目录</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="313"/>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../gui/training/dock.py" line="320"/>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
</context>
<context>
    <name>UserModelDialog</name>
    <message>
        <location filename="../../gui/browser.py" line="187"/>
        <source>Open model file</source>
        <translation>打开模型文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="201"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="202"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/browser.py" line="203"/>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
</context>
</TS>
