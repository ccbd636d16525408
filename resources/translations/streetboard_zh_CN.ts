<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>StreetBoard</source>
        <translation>街道大工委议事看板</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Grid cases</source>
        <translation>网格事件</translation>
    </message>
    <message>
        <source>Cases on record</source>
        <translation>事件总数</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未办结事件</translation>
    </message>
    <message>
        <source>Open cases under supervision</source>
        <translation>督办中的事件</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>The database {0} is already up to date.</source>
        <translation>数据库 {0} 已是最新结构。</translation>
    </message>
    <message>
        <source>Upgraded the database {0} to schema {1}.</source>
        <translation>已将数据库 {0} 升级到结构版本 {1}。</translation>
    </message>
    <message>
        <source>The number of cases cannot be negative.</source>
        <translation>事件数量不能为负数。</translation>
    </message>
    <message>
        <source>The database {0} already holds a street; the demo only fills an empty database.</source>
        <translation>数据库 {0} 中已有街道数据；演示数据只能写入空数据库。</translation>
    </message>
    <message>
        <source>Wrote a demo street to {0}: {1} communities, {2} grids, {3} units, {4} cases, {5} meetings, in {6:.1f} s.</source>
        <translation>已在 {0} 生成演示街道：{1} 个社区、{2} 个网格、{3} 家单位、{4} 件事件、{5} 次会议，用时 {6:.1f} 秒。</translation>
    </message>
    <message>
        <source>There is no view “{0}”; choose one of: {1}.</source>
        <translation>没有名为“{0}”的视图；可选：{1}。</translation>
    </message>
    <message>
        <source>“{0}” is not a size; write it as WIDTHxHEIGHT, for example 1920x1080.</source>
        <translation>“{0}”不是有效尺寸；请写成 宽x高，例如 1920x1080。</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}；请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Wrote {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{y}-{m:02d}-{d:02d}</source>
        <translation>{y}年{m}月{d}日</translation>
    </message>
    <message>
        <source>{date} {h:02d}:{mi:02d}</source>
        <translation>{date} {h:02d}:{mi:02d}</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>Preparing the demo street…</source>
        <translation>正在准备演示街道……</translation>
    </message>
    <message>
        <source>The database {0} is empty. Create the StreetBoard tables in it now?</source>
        <translation>数据库 {0} 是空的。现在在其中建立议事看板的数据表吗？</translation>
    </message>
    <message>
        <source>The database {0} was made by an older StreetBoard (schema {1}) and must be upgraded to schema {2} before use. Other PCs using it need this version too. Back it up first if unsure. Upgrade now?</source>
        <translation>数据库 {0} 由旧版议事看板创建（结构版本 {1}），使用前须升级到结构版本 {2}。升级后，使用该数据库的其他电脑也需安装本版本。如无把握，请先备份。现在升级吗？</translation>
    </message>
    <message>
        <source>Upgrade the database</source>
        <translation>升级数据库</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>StreetBoard — street committee board</source>
        <translation>街道大工委议事看板</translation>
    </message>
    <message>
        <source>Database: {0}</source>
        <translation>数据库：{0}</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Meetings held</source>
        <translation>已召开会议</translation>
    </message>
    <message>
        <source>Meetings planned</source>
        <translation>待召开会议</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Someone else saved this record while you were editing it; reload to see their version.</source>
        <translation>您编辑期间，他人已保存了这条记录；请重新载入查看对方的版本。</translation>
    </message>
    <message>
        <source>The connection to the database was lost; your work is kept and will be retried.</source>
        <translation>与数据库的连接中断；您的内容已保留，连接恢复后将重试。</translation>
    </message>
    <message>
        <source>The database refused the change: {0}</source>
        <translation>数据库拒绝了这次修改：{0}</translation>
    </message>
    <message>
        <source>The operation failed: {0}</source>
        <translation>操作未完成：{0}</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>“{0}” is not a database address StreetBoard understands; use a file path, sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE.</source>
        <translation>“{0}”不是可识别的数据库地址；请使用文件路径、sqlite:///路径 或 postgresql://用户@主机:端口/数据库名。</translation>
    </message>
    <message>
        <source>StreetBoard works with SQLite and PostgreSQL, not “{0}”.</source>
        <translation>议事看板支持 SQLite 和 PostgreSQL，不支持“{0}”。</translation>
    </message>
    <message>
        <source>Cannot reach the database server ({0}); check that it is running and the address is right, or ask the office&apos;s administrator.</source>
        <translation>无法连接数据库服务器（{0}）；请确认服务器已开启、地址无误，或联系单位的系统管理员。</translation>
    </message>
    <message>
        <source>The database server refused the user name or password ({0}); check them and try again.</source>
        <translation>数据库服务器拒绝了用户名或密码（{0}）；请核对后重试。</translation>
    </message>
    <message>
        <source>The database {0} does not exist; check the name, or create it first.</source>
        <translation>数据库 {0} 不存在；请核对名称，或先创建该数据库。</translation>
    </message>
    <message>
        <source>{0} is not a StreetBoard database file (it may be damaged or another kind of file); nothing was changed.</source>
        <translation>{0} 不是议事看板的数据库文件（可能已损坏或是其他类型的文件）；未做任何改动。</translation>
    </message>
    <message>
        <source>{0} holds tables that are not StreetBoard&apos;s; nothing was changed. Choose an empty database or a StreetBoard one.</source>
        <translation>{0} 中有不属于议事看板的数据表；未做任何改动。请选择空数据库或议事看板的数据库。</translation>
    </message>
    <message>
        <source>The database {0} was written by a newer StreetBoard; install that version to open it. Nothing was changed.</source>
        <translation>数据库 {0} 由更新版本的议事看板写入；请安装该版本后再打开。未做任何改动。</translation>
    </message>
    <message>
        <source>The database {0} needs an upgrade before use; run “streetboard db upgrade --db …” or open it in the app and accept the upgrade.</source>
        <translation>数据库 {0} 需要升级后才能使用；请运行“streetboard db upgrade --db …”，或在程序中打开并同意升级。</translation>
    </message>
    <message>
        <source>Cannot open the database {0}.</source>
        <translation>无法打开数据库 {0}。</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Open cases</source>
        <translation>未办结事件</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>超期事件</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Open resolutions</source>
        <translation>未完成决议</translation>
    </message>
    <message>
        <source>Member-unit attendance</source>
        <translation>成员单位出席率</translation>
    </message>
    <message>
        <source>Agreement items done</source>
        <translation>四联四定协议事项完成数</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>工作概览</translation>
    </message>
    <message>
        <source>{0} · Overview</source>
        <translation>{0} · 工作概览</translation>
    </message>
    <message numerus="yes">
        <source>of which %n overdue</source>
        <translation>
            <numerusform>其中超期 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of open cases are past their deadline</source>
        <translation>占未办结事件的 {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) closed in the last 365 days</source>
        <translation>
            <numerusform>近一年结案 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>of which %n past the deadline</source>
        <translation>
            <numerusform>其中已过期限 %n 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>member units present at the last %n meeting(s)</source>
        <translation>
            <numerusform>最近 %n 次会议成员单位出席情况</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} pairing agreements: {1} done</source>
        <translation>{0}年度协议事项完成 {1}</translation>
    </message>
</context>
<context>
    <name>PairingsPage</name>
    <message>
        <source>Four links, four fixes</source>
        <translation>四联四定</translation>
    </message>
    <message>
        <source>Active pairings</source>
        <translation>结对关系</translation>
    </message>
    <message>
        <source>Agreements this year</source>
        <translation>本年度协议</translation>
    </message>
</context>
<context>
    <name>ResolutionsPage</name>
    <message>
        <source>Resolutions</source>
        <translation>决议督办</translation>
    </message>
    <message>
        <source>Resolutions on record</source>
        <translation>决议总数</translation>
    </message>
    <message>
        <source>Open resolutions</source>
        <translation>未完成决议</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>未完成任务</translation>
    </message>
</context>
<context>
    <name>TilesPage</name>
    <message>
        <source>Figures as of {0}</source>
        <translation>数据截至 {0}</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Resident units</source>
        <translation>驻区单位</translation>
    </message>
    <message>
        <source>Member units this term</source>
        <translation>本届成员单位</translation>
    </message>
    <message>
        <source>City-level units</source>
        <translation>市直单位</translation>
    </message>
    <message>
        <source>Projects listed</source>
        <translation>项目清单</translation>
    </message>
    <message>
        <source>Projects nobody has claimed</source>
        <translation>无人认领的项目</translation>
    </message>
</context>
</TS>
