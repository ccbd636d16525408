<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About StreetBoard</source>
        <translation>关于 StreetBoard</translation>
    </message>
    <message>
        <source>StreetBoard — street committee board</source>
        <translation>StreetBoard — 街道大工委议事看板</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>字体：</translation>
    </message>
    <message>
        <source>Noto Sans CJK SC (a subset, as StreetBoard Sans SC), © Adobe, under the SIL Open Font License 1.1:</source>
        <translation>思源黑体 Noto Sans CJK SC（子集，名为 StreetBoard Sans SC），© Adobe，按 SIL 开放字体许可证 1.1 授权：</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>关联</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 件事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <source>Amend the minutes</source>
        <translation>修正会议纪要</translation>
    </message>
    <message>
        <source>Why the approved minutes are corrected (required)</source>
        <translation>说明修正已审定纪要的原因（必填）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>修正原因</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>StreetBoard</source>
        <translation>街道大工委议事看板</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Agenda item</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Task feedback</source>
        <translation>任务反馈</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>决议</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>Minutes revision</source>
        <translation>纪要修订稿</translation>
    </message>
    <message>
        <source>Grid case</source>
        <translation>网格事件</translation>
    </message>
    <message>
        <source>Case handling record</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <source>Resident unit</source>
        <translation>驻区单位</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Case on an agenda item</source>
        <translation>议程关联事件</translation>
    </message>
    <message>
        <source>Agreement item</source>
        <translation>协议事项</translation>
    </message>
    <message>
        <source>Agreement item progress</source>
        <translation>协议事项进展</translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation>年度协议</translation>
    </message>
    <message>
        <source>Case category</source>
        <translation>事件类别</translation>
    </message>
    <message>
        <source>Case summary figures</source>
        <translation>事件汇总数据</translation>
    </message>
    <message>
        <source>Case summary level</source>
        <translation>事件汇总层级</translation>
    </message>
    <message>
        <source>Case workflow step</source>
        <translation>事件流转规则</translation>
    </message>
    <message>
        <source>Committee member</source>
        <translation>大工委委员</translation>
    </message>
    <message>
        <source>Committee term</source>
        <translation>大工委届次</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Dual reporting</source>
        <translation>双报到</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Import template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Import run</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>Meeting kind defaults</source>
        <translation>会议类型默认设置</translation>
    </message>
    <message>
        <source>Meeting bodies</source>
        <translation>议事机构</translation>
    </message>
    <message>
        <source>Meeting body members</source>
        <translation>议事机构成员</translation>
    </message>
    <message>
        <source>Meeting room state</source>
        <translation>会场状态</translation>
    </message>
    <message>
        <source>Member unit</source>
        <translation>成员单位</translation>
    </message>
    <message>
        <source>Signed end of the minutes chain</source>
        <translation>纪要哈希链签名链尾</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求清单</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>结对</translation>
    </message>
    <message>
        <source>Pairing label</source>
        <translation>四联四定名称</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目清单</translation>
    </message>
    <message>
        <source>Project claim</source>
        <translation>项目认领</translation>
    </message>
    <message>
        <source>Quorum rule</source>
        <translation>法定人数规则</translation>
    </message>
    <message>
        <source>Agreement item of a resolution</source>
        <translation>决议关联协议事项</translation>
    </message>
    <message>
        <source>Case of a resolution</source>
        <translation>决议关联事件</translation>
    </message>
    <message>
        <source>Co-responsible unit of a resolution</source>
        <translation>决议协办单位</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源清单</translation>
    </message>
    <message>
        <source>Resource use</source>
        <translation>资源使用</translation>
    </message>
    <message>
        <source>Scoring scheme</source>
        <translation>积分方案</translation>
    </message>
    <message>
        <source>Scoring weight</source>
        <translation>积分权重</translation>
    </message>
    <message>
        <source>Service record</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Serving party member</source>
        <translation>在职党员</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Street office</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Topic proposal</source>
        <translation>议题建议</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Saved over a newer version</source>
        <translation>覆盖较新版本保存</translation>
    </message>
    <message>
        <source>Bulk load</source>
        <translation>批量导入</translation>
    </message>
    <message>
        <source>Bulk change</source>
        <translation>批量修改</translation>
    </message>
    <message>
        <source>Bulk delete</source>
        <translation>批量删除</translation>
    </message>
    <message>
        <source>Case filed</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Report voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Case dispatched</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Case accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Returned for re-dispatch</source>
        <translation>退回改派</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Handling resumed</source>
        <translation>恢复处置</translation>
    </message>
    <message>
        <source>Deadline extended</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Reported done</source>
        <translation>办结反馈</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <source>Check passed</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Unsatisfied: redo</source>
        <translation>不满意重办</translation>
    </message>
    <message>
        <source>Put under supervision</source>
        <translation>列入督办</translation>
    </message>
    <message>
        <source>Supervision lifted</source>
        <translation>取消督办</translation>
    </message>
    <message>
        <source>Agenda locked</source>
        <translation>锁定议程</translation>
    </message>
    <message>
        <source>Agenda unlocked</source>
        <translation>解锁议程</translation>
    </message>
    <message>
        <source>Agenda reordered</source>
        <translation>调整议程顺序</translation>
    </message>
    <message>
        <source>Proposal put on the agenda</source>
        <translation>议题列入议程</translation>
    </message>
    <message>
        <source>Proposal deferred</source>
        <translation>议题暂缓</translation>
    </message>
    <message>
        <source>Proposal rejected</source>
        <translation>议题不予采纳</translation>
    </message>
    <message>
        <source>Meeting started</source>
        <translation>开始会议</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Project claimed</source>
        <translation>认领项目</translation>
    </message>
    <message>
        <source>Delivery reported</source>
        <translation>报告交付</translation>
    </message>
    <message>
        <source>Scoring weights set</source>
        <translation>设置积分权重</translation>
    </message>
    <message>
        <source>Progress recorded</source>
        <translation>记录进展</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>All kinds of record</source>
        <translation>全部记录类型</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Old values</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New values</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <source>{0} changes recorded; showing the newest {1} that match.</source>
        <translation>共记录 {0} 次变更；显示符合条件的最新 {1} 条。</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出操作记录</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported {0} rows to {1}.</source>
        <translation>已导出 {0} 行到 {1}。</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}；请选择一个可写入的文件夹。</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>{0} is not installed on this PC; install the PostgreSQL client tools (the package postgresql-client, or the PostgreSQL installer on Windows) of the server&apos;s version or newer, then try again.</source>
        <translation>本机未安装 {0}；请安装与服务器版本相同或更新的 PostgreSQL 客户端工具（软件包 postgresql-client，Windows 上用 PostgreSQL 安装程序），然后重试。</translation>
    </message>
    <message>
        <source>{0} stopped with an error ({1}); nothing was changed.</source>
        <translation>{0} 出错停止（{1}）；未做任何更改。</translation>
    </message>
    <message>
        <source>That database already holds tables; a backup is restored only into a new, empty database. Nothing was changed.</source>
        <translation>该数据库中已有数据表；备份只能恢复到新建的空数据库。未做任何更改。</translation>
    </message>
    <message>
        <source>There is no file {0}.</source>
        <translation>文件 {0} 不存在。</translation>
    </message>
    <message>
        <source>{0} is not a StreetBoard backup; nothing was changed.</source>
        <translation>{0} 不是 StreetBoard 备份；未做任何更改。</translation>
    </message>
    <message>
        <source>A database held only in memory cannot be backed up.</source>
        <translation>仅存在于内存中的数据库无法备份。</translation>
    </message>
    <message>
        <source>The backup could not be made ({0}).</source>
        <translation>无法完成备份（{0}）。</translation>
    </message>
</context>
<context>
    <name>BackupCli</name>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}；请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Wrote the backup of {0} to {1} ({2:,} bytes).</source>
        <translation>已将 {0} 备份到 {1}（{2:,} 字节）。</translation>
    </message>
    <message>
        <source>Restored {0} into {1}; if the backup is from an older StreetBoard, run streetboard db upgrade --db … before use.</source>
        <translation>已将 {0} 恢复到 {1}；如果备份来自旧版 StreetBoard，使用前请运行 streetboard db upgrade --db …。</translation>
    </message>
</context>
<context>
    <name>BodyTable</name>
    <message>
        <source>Add a row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove the selected rows</source>
        <translation>删除选中的行</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>Choose a case in the list to see its record.</source>
        <translation>在列表中选择一件事件以查看详情。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>Extensions / returns</source>
        <translation>延期 / 返工次数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>事件描述</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reason or note (required where marked *)</source>
        <translation>原因或说明（标 * 的操作必填）</translation>
    </message>
    <message>
        <source>Satisfaction {0}</source>
        <translation>满意度 {0}</translation>
    </message>
    <message>
        <source>Supervised (督办)</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Propose for the next meeting</source>
        <translation>提交上会</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>新的办结时限</translation>
    </message>
    <message>
        <source>Handling record</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步操作</translation>
    </message>
    <message>
        <source> (on hold since {0})</source>
        <translation>（自 {0} 起挂账）</translation>
    </message>
    <message>
        <source>Moves the case to: {0}</source>
        <translation>事件将转为：{0}</translation>
    </message>
    <message numerus="yes">
        <source>Already proposed %n time(s)</source>
        <translation>
            <numerusform>已提交上会 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Proposed as a topic for {0} on {1}.</source>
        <translation>已作为议题提交至 {1} 的{0}。</translation>
    </message>
    <message>
        <source>Proposed as a topic; no meeting is planned yet, so it waits for the next one.</source>
        <translation>已提交为议题；目前没有已安排的会议，将列入下次会议。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>An extension needs a reason and a new deadline later than the current one.</source>
        <translation>延期需要填写原因，并选择晚于当前时限的新时限。</translation>
    </message>
    <message>
        <source>This step needs a reason: write it in the box above and try again.</source>
        <translation>此操作需要填写原因：请在上方输入框中填写后重试。</translation>
    </message>
    <message>
        <source>This step is not allowed from the case&apos;s current state; nothing was changed.</source>
        <translation>事件当前状态下不允许此操作，未作任何更改。</translation>
    </message>
    <message>
        <source>Someone else changed this case meanwhile; it has been reloaded, check and try again.</source>
        <translation>此事件刚被他人修改，已重新载入，请核对后重试。</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <source>Reported</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>处理反馈</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Evaluated</source>
        <translation>回访评价</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>File</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Void the report</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Return for re-dispatch</source>
        <translation>退回改派</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Extend the deadline</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>Report done</source>
        <translation>办结反馈</translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <source>Check passed</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Unsatisfied: redo</source>
        <translation>不满意重办</translation>
    </message>
    <message>
        <source>Put under supervision</source>
        <translation>列入督办</translation>
    </message>
    <message>
        <source>Supervision lifted</source>
        <translation>取消督办</translation>
    </message>
    <message>
        <source>Proposed for a meeting</source>
        <translation>提交上会</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Patrol</source>
        <translation>巡查</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Resident report</source>
        <translation>群众上报</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>督查</translation>
    </message>
</context>
<context>
    <name>CaseList</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>&lt; 3 days</source>
        <translation>3天内</translation>
    </message>
    <message>
        <source>3–7 days</source>
        <translation>3–7天</translation>
    </message>
    <message>
        <source>7–30 days</source>
        <translation>7–30天</translation>
    </message>
    <message>
        <source>&gt; 30 days</source>
        <translation>30天以上</translation>
    </message>
    <message>
        <source>over 30 days</source>
        <translation>30天以上</translation>
    </message>
    <message>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <source>Save view as PNG…</source>
        <translation>保存为图片…</translation>
    </message>
    <message>
        <source>Export list to Excel…</source>
        <translation>导出列表…</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>近4周</translation>
    </message>
    <message>
        <source>Last 13 weeks</source>
        <translation>近13周</translation>
    </message>
    <message>
        <source>Last 26 weeks</source>
        <translation>近26周</translation>
    </message>
    <message>
        <source>Last 52 weeks</source>
        <translation>近52周</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部大类</translation>
    </message>
    <message>
        <source>All subcategories</source>
        <translation>全部小类</translation>
    </message>
    <message>
        <source>All handling units</source>
        <translation>全部处置部门</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Supervised only</source>
        <translation>仅看督办</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>积案</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>事件列表</translation>
    </message>
    <message>
        <source>Backlog dashboard</source>
        <translation>积案看板</translation>
    </message>
    <message>
        <source>Handling-unit scorecard</source>
        <translation>处置部门考评</translation>
    </message>
    <message>
        <source>Grid cases</source>
        <translation>网格事件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Due within 3 days</source>
        <translation>3天内到期</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Median days to close</source>
        <translation>办结用时中位数</translation>
    </message>
    <message>
        <source>Satisfaction rate</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Open cases by state</source>
        <translation>未办结事件·按状态</translation>
    </message>
    <message>
        <source>Open cases by category</source>
        <translation>未办结事件·按大类</translation>
    </message>
    <message>
        <source>Open cases by community</source>
        <translation>未办结事件·按社区</translation>
    </message>
    <message>
        <source>Open cases by age</source>
        <translation>未办结事件·按时长</translation>
    </message>
    <message>
        <source>Opened and closed per week, with the backlog</source>
        <translation>每周新增与办结（折线为积案）</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Search number, title or address</source>
        <translation>搜索编号、标题或地址</translation>
    </message>
    <message>
        <source>Show all cases of the filter</source>
        <translation>显示筛选范围内全部事件</translation>
    </message>
    <message>
        <source>Offline: the rows not loaded yet appear once the connection is back.</source>
        <translation>离线：尚未载入的行将在连接恢复后显示。</translation>
    </message>
    <message>
        <source>Figures as of {0}</source>
        <translation>数据截至 {0}</translation>
    </message>
    <message>
        <source> · reported {0} – {1}</source>
        <translation> · 上报于 {0} – {1}</translation>
    </message>
    <message numerus="yes">
        <source>of which %n overdue</source>
        <translation>
            <numerusform>其中超期 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of open cases</source>
        <translation>占未办结的 {0}</translation>
    </message>
    <message>
        <source>not on hold</source>
        <translation>不含挂账</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) closed</source>
        <translation>
            <numerusform>办结 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>from report to close</source>
        <translation>自上报至结案</translation>
    </message>
    <message numerus="yes">
        <source>%n rated case(s)</source>
        <translation>
            <numerusform>已评价 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>None</source>
        <translation>未分类</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Save view as PNG</source>
        <translation>保存为图片</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Could not write {0}</source>
        <translation>无法写入 {0}</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n case(s) to {0}</source>
        <translation>
            <numerusform>已导出 %n 件至 {0}</numerusform>
        </translation>
    </message>
    <message>
        <source>Export scorecard</source>
        <translation>导出考评表</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未办结事件</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check and import</source>
        <translation>检查并导入</translation>
    </message>
    <message>
        <source>Every row is checked before anything is written; by default nothing is imported while any row has a problem.</source>
        <translation>写入前逐行检查；默认只要有一行有问题，就一行也不导入。</translation>
    </message>
    <message>
        <source>Save the full report…</source>
        <translation>保存完整报告…</translation>
    </message>
    <message>
        <source>Import the valid rows only and skip the rejected ones</source>
        <translation>只导入合格的行，跳过被拒绝的行</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>{0} rows have problems; the first ones are listed below.</source>
        <translation>有 {0} 行存在问题，下面列出前面几行。</translation>
    </message>
    <message>
        <source>Nothing will be imported while rows are rejected: fix the file, or tick the box to import only the valid rows.</source>
        <translation>有被拒绝的行时不会导入任何数据：请修改文件，或勾选“只导入合格的行”。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>Import cancelled; the database was left as it was.</source>
        <translation>导入已取消，数据库保持原样。</translation>
    </message>
    <message>
        <source>The import failed and nothing was written: {0}</source>
        <translation>导入失败，未写入任何数据：{0}</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>import-report.xlsx</source>
        <translation>导入报告.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}，请选择可写入的文件夹。</translation>
    </message>
    <message>
        <source>Saved the report of {0} rejected rows as {1}.</source>
        <translation>已将 {0} 行被拒绝数据的报告保存为 {1}。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>The database {0} is already up to date.</source>
        <extracomment>``streetboard import KIND``: kind → (help, &quot;module:SPEC&quot; of its db.imports record spec)</extracomment>
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
        <translation>无法写入 {0}，请选择可写入的文件夹。</translation>
    </message>
    <message>
        <source>Wrote {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source> The report is {0}.</source>
        <translation>报告见 {0}。</translation>
    </message>
    <message>
        <source>The valid rows were imported; {0} rejected rows were skipped.</source>
        <translation>合格的行已导入，跳过了 {0} 行被拒绝的数据。</translation>
    </message>
    <message>
        <source>{0} rows were rejected, so nothing was imported; the report is {1}. Fix the file, or use --accept-valid to import only the valid rows.</source>
        <translation>有 {0} 行被拒绝，因此未导入任何数据；报告见 {1}。请修改文件，或用 --accept-valid 只导入合格的行。</translation>
    </message>
    <message>
        <source>{0} rows were rejected, so nothing was imported; the first are listed below (--report OUT.xlsx writes them all). Fix the file, or use --accept-valid to import only the valid rows.</source>
        <translation>有 {0} 行被拒绝，因此未导入任何数据；下面列出前几行（用 --report OUT.xlsx 可写出全部）。请修改文件，或用 --accept-valid 只导入合格的行。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Someone else saved this meanwhile</source>
        <translation>他人已在此期间保存</translation>
    </message>
    <message>
        <source>“{0}” was changed by someone else while you were editing it. Nothing has been overwritten. Choose which text to keep.</source>
        <translation>您编辑“{0}”期间，他人已修改并保存。没有任何内容被覆盖，请选择要保留的文本。</translation>
    </message>
    <message>
        <source>No common original is known: edit the text below into what should be saved.</source>
        <translation>找不到共同的原始版本：请在下方编辑出要保存的文本。</translation>
    </message>
    <message numerus="yes">
        <source>Merged automatically; %n place(s) changed on both sides are marked with &lt;&lt;&lt;&lt;&lt;&lt;&lt; and &gt;&gt;&gt;&gt;&gt;&gt;&gt; — edit them before saving.</source>
        <translation>
            <numerusform>已自动合并；双方都改动的 %n 处已用 &lt;&lt;&lt;&lt;&lt;&lt;&lt; 和 &gt;&gt;&gt;&gt;&gt;&gt;&gt; 标出，请先修改再保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged automatically: both sets of changes are in the text below.</source>
        <translation>已自动合并：双方的修改都在下方文本中。</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>您的版本</translation>
    </message>
    <message>
        <source>Saved meanwhile</source>
        <translation>此期间保存的版本</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>Save the merged text</source>
        <translation>保存合并后的文本</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Saved meanwhile by {0} (version {1})</source>
        <translation>{0} 在此期间保存的版本（第 {1} 版）</translation>
    </message>
    <message>
        <source>Not saved: someone else saved this record meanwhile. Your text is kept; save again to choose.</source>
        <translation>未保存：他人已在此期间保存了这条记录。您的文本仍保留，再次保存即可选择。</translation>
    </message>
    <message>
        <source>Not saved: someone else deleted this record. Your text is kept; copy it elsewhere.</source>
        <translation>未保存：他人已删除这条记录。您的文本仍保留，请复制到别处。</translation>
    </message>
    <message>
        <source>Minutes of agenda item {0}</source>
        <extracomment>how a conflict is decided: ``chooser(parent, error, edit, what) -&gt; Decision`` (tests swap it)</extracomment>
        <translation>议程 {0} 的会议记录</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a database server</source>
        <translation>连接数据库服务器</translation>
    </message>
    <message>
        <source>Remember the password on this PC (in the system&apos;s password store)</source>
        <translation>在本机记住密码（保存在系统的密码库中）</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Name the database on the server, for example streetboard.</source>
        <translation>请填写服务器上的数据库名，例如 streetboard。</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <source>Offline — sign-ins, minutes, resolutions in the meeting room and task progress are kept on this PC; other changes cannot be saved until the server is back</source>
        <translation>离线 — 签到、纪要、会场里记录的决议和任务进展保存在本机；其他修改要等服务器恢复后才能保存</translation>
    </message>
    <message>
        <source> · edits waiting to be saved: {0}</source>
        <translation> · 待保存的修改：{0} 项</translation>
    </message>
    <message>
        <source>Read-only: {0} is on a read-only disk or is a file you may not change. You can look, but nothing can be saved; to make changes, copy it to a folder you can write to and open the copy.</source>
        <translation>只读：{0} 在只读磁盘上，或是您无权修改的文件。可以查看，但不能保存任何修改；要修改，请把它复制到您能写入的文件夹，再打开复制的文件。</translation>
    </message>
</context>
<context>
    <name>DatabaseChooser</name>
    <message>
        <source>&amp;Open database…</source>
        <extracomment>the database to open once this window has closed (read by ``run_gui``)</extracomment>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>连接服务器(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>新建数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>最近的数据库</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Open a StreetBoard database</source>
        <translation>打开 StreetBoard 数据库</translation>
    </message>
    <message>
        <source>New StreetBoard database</source>
        <translation>新建 StreetBoard 数据库</translation>
    </message>
    <message>
        <source>{0} already exists; choose Open database… to open it, or another name.</source>
        <translation>{0} 已存在；请用“打开数据库…”打开它，或换一个文件名。</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>{0} was not opened; the database in use stays open.</source>
        <translation>{0} 未打开；当前数据库保持打开。</translation>
    </message>
    <message>
        <source>Database not opened</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Backing up to {0}…</source>
        <translation>正在备份到 {0}…</translation>
    </message>
    <message>
        <source>Backed up {0} to {1}.</source>
        <translation>已将 {0} 备份到 {1}。</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}；请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>The backup could not be made; nothing was written.</source>
        <translation>未能完成备份；没有写入任何文件。</translation>
    </message>
</context>
<context>
    <name>DatabaseMenu</name>
    <message>
        <source>The upgrade of {0} failed; it was not opened.</source>
        <translation>{0} 升级失败，未打开。</translation>
    </message>
</context>
<context>
    <name>DbOp</name>
    <message>
        <source>StreetBoard</source>
        <translation>街道大工委议事看板</translation>
    </message>
</context>
<context>
    <name>DualTab</name>
    <message>
        <source>Import dual reporting…</source>
        <translation>导入双报到名单…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>报到社区</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务次数</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>服务时长（小时）</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加党员</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>移除党员</translation>
    </message>
    <message>
        <source>Serving party members reporting to their community</source>
        <translation>在职党员到社区报到</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>What was done, e.g. 社区环境整治</source>
        <translation>服务内容，例如 社区环境整治</translation>
    </message>
    <message>
        <source>Add service record</source>
        <translation>添加服务记录</translation>
    </message>
    <message>
        <source>Save record</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <source>Remove record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Service records</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>No party member has reported to a community yet; add them one by one below, or import the list.</source>
        <translation>尚无在职党员到社区报到；可在下方逐个添加，或导入名单。</translation>
    </message>
    <message numerus="yes">
        <source>%n party member(s) reported to their community, </source>
        <translation>
            <numerusform>已有 %n 名在职党员到社区报到，</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} hours of service in all.</source>
        <translation>累计服务 {0} 小时。</translation>
    </message>
    <message>
        <source>Choose a member to see and add their service records.</source>
        <translation>请选择一名党员，查看并添加其服务记录。</translation>
    </message>
    <message>
        <source>Service of {0} ({1})</source>
        <translation>{0}（{1}）的服务记录</translation>
    </message>
    <message>
        <source>Add the units and the street&apos;s communities first: a member reports from a unit to a community.</source>
        <translation>请先录入驻区单位和街道的社区：党员从所在单位到社区报到。</translation>
    </message>
    <message>
        <source>The member was added.</source>
        <translation>已添加该党员。</translation>
    </message>
    <message>
        <source>The member&apos;s details were saved.</source>
        <translation>已保存该党员的信息。</translation>
    </message>
    <message>
        <source>The member and their service records were removed.</source>
        <translation>已移除该党员及其服务记录。</translation>
    </message>
    <message>
        <source>The service record was added.</source>
        <translation>已添加服务记录。</translation>
    </message>
    <message>
        <source>The service record was saved.</source>
        <translation>已保存服务记录。</translation>
    </message>
    <message>
        <source>The service record was removed.</source>
        <translation>已删除服务记录。</translation>
    </message>
    <message>
        <source>Hours of service must be more than 0 and at most 24.</source>
        <translation>服务时长须大于 0 且不超过 24 小时。</translation>
    </message>
    <message>
        <source>The date {0} is after today; enter a day that has passed.</source>
        <translation>日期 {0} 晚于今天；请填写已经过去的日期。</translation>
    </message>
    <message>
        <source>This member of that unit is already on the list; edit the existing entry instead.</source>
        <translation>该单位的这名党员已在名单中；请修改已有的记录。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file of grid cases: StreetBoard&apos;s own template, a 12345 hotline or message-board export, or a 311 export.</source>
        <translation>网格事件的 Excel 工作簿（.xlsx、.xls）或 CSV 文件：议事看板自己的模板、12345 热线或留言板导出，或 311 导出。</translation>
    </message>
    <message>
        <source>Path of the file to import</source>
        <translation>要导入的文件路径</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save the empty template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <source>The template lists StreetBoard&apos;s case columns; its second sheet explains each one.</source>
        <translation>模板列出了议事看板的事件列，第二张工作表逐列说明填写方法。</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file; the columns are matched on the next page.</source>
        <translation>Excel 工作簿（.xlsx、.xls）或 CSV 文件；下一步核对各列的对应关系。</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>导入事件</translation>
    </message>
    <message>
        <source>Spreadsheets and CSV (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>电子表格和 CSV (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save the empty template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <source>case-template.xlsx</source>
        <translation>事件导入模板.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}，请选择可写入的文件夹。</translation>
    </message>
    <message>
        <source>Saved the empty template as {0}.</source>
        <translation>已将空白模板保存为 {0}。</translation>
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
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy年M月d日 HH:mm</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy年M月d日</translation>
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
    <name>GuideDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>1. Set up the street</source>
        <translation>一、设置街道</translation>
    </message>
    <message>
        <source>On a new database StreetBoard opens the set-up assistant: the street, its communities and grids, the committee term and its members, the handling units and the case categories. Fill each step by hand, or from the set-up workbook (streetboard setup template writes one to fill in). Everything is written at the end, in one go. Later changes are made on the 基础信息 page.</source>
        <translation>在新数据库上，StreetBoard 会打开设置向导：街道、社区和网格、大工委届次及成员、处置部门和事件分类。每一步可以手工填写，也可以从设置工作簿读入（streetboard setup template 可生成空白工作簿）。所有内容在最后一步一次写入。以后的修改在“基础信息”页进行。</translation>
    </message>
    <message>
        <source>2. Import what you already have</source>
        <translation>二、导入已有资料</translation>
    </message>
    <message>
        <source>File → Import cases… reads the grid cases from an Excel or CSV export (the StreetBoard template, the 12345 hotline, message boards). The units page imports the resident units, the 四联四定 page its agreement items. Every rejected row is listed with its reason; nothing is written while any row is rejected, unless you choose to import the valid rows only.</source>
        <translation>“文件 → 导入事件…”从 Excel 或 CSV 导出文件（StreetBoard 模板、12345 热线、留言板）读入网格事件。“驻区单位”页导入驻区单位，“四联四定”页导入协议事项。每一条被拒绝的行都会列出原因；只要有行被拒绝就不写入任何内容，除非您选择只导入有效的行。</translation>
    </message>
    <message>
        <source>3. Hold a meeting</source>
        <translation>三、召开会议</translation>
    </message>
    <message>
        <source>On the meetings page, New meeting… chooses the body (the street committee, a community 大党委 or a 联席会议), the time and the place. Add the agenda items, lock the agenda and export the notice. On the day, Start meeting opens the meeting room: sign in the members, take each item in turn, record the resolutions and write the minutes. Approved minutes are sealed; streetboard verify checks that nobody changed them.</source>
        <translation>在“会议”页，“新建会议…”选择议事机构（街道大工委、社区大党委或联席会议）、时间和地点。添加议程、锁定议程并导出会议通知。会议当天，“开始会议”打开会场：成员签到，逐项议事，记录决议并撰写纪要。审定后的纪要即被封存；streetboard verify 可核验纪要未被改动。</translation>
    </message>
    <message>
        <source>4. Follow up and keep a copy</source>
        <translation>四、跟踪落实与备份</translation>
    </message>
    <message>
        <source>The resolutions page follows every task to its deadline. File → Back up… writes a complete copy of the database; on a single PC StreetBoard also keeps one copy a day beside the database file (the last 14 days).</source>
        <translation>“决议督办”页跟踪每项任务直至完成时限。“文件 → 备份…”写出数据库的完整副本；单机使用时，StreetBoard 还会每天在数据库文件旁自动保存一份副本（保留最近 14 天）。</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;About StreetBoard…</source>
        <translation>关于 StreetBoard(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <source>As of {0}</source>
        <translation>截至{0}</translation>
    </message>
    <message>
        <source>No filter</source>
        <translation>未筛选</translation>
    </message>
    <message>
        <source>Filters: {0}</source>
        <translation>筛选条件：{0}</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>The file {0} does not exist.</source>
        <translation>文件 {0} 不存在。</translation>
    </message>
    <message>
        <source>The file {0} is empty; nothing was imported.</source>
        <translation>文件 {0} 是空的，未导入任何数据。</translation>
    </message>
    <message>
        <source>{0} is not a spreadsheet or CSV file; choose an .xlsx, .xls or .csv file.</source>
        <translation>{0} 不是电子表格或 CSV 文件，请选择 .xlsx、.xls 或 .csv 文件。</translation>
    </message>
    <message>
        <source>{0} is not what its name says: its content is {1}; nothing was imported.</source>
        <translation>{0} 与文件名不符：其内容是{1}，未导入任何数据。</translation>
    </message>
    <message>
        <source>{0} is neither UTF-8 nor GBK/GB18030 text; save it again as UTF-8 CSV or as .xlsx.</source>
        <translation>{0} 既不是 UTF-8 也不是 GBK/GB18030 编码的文本，请另存为 UTF-8 的 CSV 或 .xlsx。</translation>
    </message>
    <message>
        <source>{0} cannot be read as a spreadsheet (it may be damaged or password-protected); nothing was imported.</source>
        <translation>{0} 无法作为电子表格读取（可能已损坏或设有密码），未导入任何数据。</translation>
    </message>
    <message>
        <source>{0} has no header row with column names.</source>
        <translation>{0} 没有写有列名的表头行。</translation>
    </message>
    <message>
        <source>{0} has column names but no rows of data; nothing was imported.</source>
        <translation>{0} 只有列名、没有数据行，未导入任何数据。</translation>
    </message>
    <message>
        <source>No import profile fits the columns of {0}; choose one with --profile ({1}).</source>
        <translation>没有与 {0} 的列相符的导入配置，请用 --profile 指定（{1}）。</translation>
    </message>
    <message>
        <source>The database has no street yet; set up the street first (the set-up assistant, or streetboard setup import), then import again. Nothing was imported.</source>
        <translation>数据库中还没有街道，请先完成街道设置（设置向导，或 streetboard setup import），再重新导入。未导入任何内容。</translation>
    </message>
    <message>
        <source>There is no import profile called “{0}”.</source>
        <translation>没有名为“{0}”的导入配置。</translation>
    </message>
    <message>
        <source>{0} lacks columns the import needs: {1}; nothing was imported.</source>
        <translation>{0} 缺少导入所需的列：{1}，未导入任何数据。</translation>
    </message>
    <message>
        <source>{0} cannot be imported.</source>
        <translation>{0} 无法导入。</translation>
    </message>
    <message>
        <source>plain text (a CSV file?)</source>
        <translation>纯文本（是 CSV 文件吗？）</translation>
    </message>
    <message>
        <source>a Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <source>a PowerPoint presentation</source>
        <translation>PowerPoint 演示文稿</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>ZIP 压缩包</translation>
    </message>
    <message>
        <source>an Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>an old Excel workbook (.xls) or another Office file</source>
        <translation>旧版 Excel 工作簿（.xls）或其他 Office 文件</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>binary data</source>
        <translation>二进制数据</translation>
    </message>
    <message>
        <source>Row {0} {1} {2}: {3}</source>
        <translation>第{0}行 {1} {2}: {3}</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>Excel 97–2003 workbook (.xls)</source>
        <translation>Excel 97–2003 工作簿（.xls）</translation>
    </message>
    <message>
        <source>CSV, UTF-8</source>
        <translation>CSV，UTF-8 编码</translation>
    </message>
    <message>
        <source>CSV, UTF-8 with BOM</source>
        <translation>CSV，UTF-8 编码（带 BOM）</translation>
    </message>
    <message>
        <source>CSV, GBK/GB18030</source>
        <translation>CSV，GBK/GB18030 编码</translation>
    </message>
    <message>
        <source>CSV, UTF-16</source>
        <translation>CSV，UTF-16 编码</translation>
    </message>
    <message>
        <source>StreetBoard case template</source>
        <translation>议事看板事件模板</translation>
    </message>
    <message>
        <source>Message board / 12345 hotline export</source>
        <translation>留言板 / 12345 热线导出</translation>
    </message>
    <message>
        <source>NYC 311 service requests</source>
        <translation>纽约 311 服务请求</translation>
    </message>
    <message>
        <source>Baltimore 311 service requests</source>
        <translation>巴尔的摩 311 服务请求</translation>
    </message>
    <message>
        <source>Read {0} rows: {1} imported, {2} updated, {3} unchanged, {4} rejected.</source>
        <translation>读取 {0} 行：新增 {1}，更新 {2}，未变 {3}，拒绝 {4}。</translation>
    </message>
    <message>
        <source>{0} rows repeated an earlier row exactly and were counted once.</source>
        <translation>有 {0} 行与前面某行完全相同，只计一次。</translation>
    </message>
    <message>
        <source>{0} rows had an unknown category and were filed under the catch-all category.</source>
        <translation>有 {0} 行的分类无法识别，已归入“其他”分类。</translation>
    </message>
    <message>
        <source>{0} new case categories were created.</source>
        <translation>新建了 {0} 个事件分类。</translation>
    </message>
    <message>
        <source>{0} new handling units were created.</source>
        <translation>新建了 {0} 个处置部门。</translation>
    </message>
    <message>
        <source>{0} cases: the file&apos;s status is further along than the street&apos;s own handling; the cases were left as they are — their timeline notes the source status (来源状态) for a person to decide.</source>
        <translation>{0} 件事件的来源状态比街道的处置更进一步（如来源已办结、街道仍在挂账）；事件保持原样，处理记录中注明了来源状态，请人工判断。</translation>
    </message>
    <message>
        <source>Profile: {0}; file: {1}.</source>
        <translation>导入配置：{0}；文件：{1}。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>被拒绝的行</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Case number</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <source>Major category</source>
        <translation>大类</translation>
    </message>
    <message>
        <source>Minor category</source>
        <translation>小类</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>上报人</translation>
    </message>
    <message>
        <source>Reporter phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复意见</translation>
    </message>
</context>
<context>
    <name>ImportReasons</name>
    <message>
        <source>required, but blank</source>
        <translation>必填但为空</translation>
    </message>
    <message>
        <source>not a date or time</source>
        <translation>不是日期或时间</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>outside the allowed range {0}</source>
        <translation>超出允许范围 {0}</translation>
    </message>
    <message>
        <source>longer than {0} characters</source>
        <translation>超过 {0} 个字</translation>
    </message>
    <message>
        <source>not 是 or 否</source>
        <translation>不是“是”或“否”</translation>
    </message>
    <message>
        <source>not one of the known values</source>
        <translation>不是可识别的取值</translation>
    </message>
    <message>
        <source>the same case number is in row {0} with different content</source>
        <translation>第{0}行的事件编号相同但内容不同</translation>
    </message>
    <message>
        <source>closed before it was reported</source>
        <translation>结案时间早于上报时间</translation>
    </message>
    <message>
        <source>deadline before the report time</source>
        <translation>办结时限早于上报时间</translation>
    </message>
    <message>
        <source>the state is closed but there is no close time</source>
        <translation>状态为已结案但没有结案时间</translation>
    </message>
    <message>
        <source>has a close time but the state is still open</source>
        <translation>有结案时间但状态仍未办结</translation>
    </message>
    <message>
        <source>not a category in the database</source>
        <translation>不是系统中已有的分类</translation>
    </message>
    <message>
        <source>not a community in the database</source>
        <translation>不是系统中已有的社区</translation>
    </message>
    <message>
        <source>not a grid code or grid name in the database</source>
        <translation>不是数据库中已有的网格编码或网格名称</translation>
    </message>
    <message>
        <source>the grid belongs to another community</source>
        <translation>该网格属于其他社区</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import cases</source>
        <translation>导入事件</translation>
    </message>
    <message>
        <source>Import records</source>
        <translation>导入数据</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Set up the street</source>
        <translation>设置街道</translation>
    </message>
    <message>
        <source>This database has no street yet. Enter the street, its communities and grids, the committee and the lists the cases use, step by step.</source>
        <translation>这个数据库还没有街道。请逐步录入街道、社区和网格、大工委以及网格事件要用的各项名录。</translation>
    </message>
    <message>
        <source>Each step is one sheet of the set-up workbook. Type the rows in, or save an empty workbook, fill it in from your existing Excel lists and read it back here. Nothing is written until the last step, and then all in one go.</source>
        <translation>每一步对应设置工作簿的一张表。可以直接录入，也可以先保存一份空白工作簿，从现有的 Excel 名录中填好，再在这里读取。到最后一步才写入，而且一次全部写入。</translation>
    </message>
    <message>
        <source>Save an empty set-up workbook…</source>
        <translation>保存空白设置工作簿…</translation>
    </message>
    <message>
        <source>Read a set-up workbook…</source>
        <translation>读取设置工作簿…</translation>
    </message>
    <message>
        <source>Set-up workbook</source>
        <translation>设置工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Empty set-up workbook</source>
        <translation>空白设置工作簿</translation>
    </message>
    <message>
        <source>street set-up.xlsx</source>
        <translation>街道设置.xlsx</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}，请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Saved {0}: fill in its sheets, then read it here.</source>
        <translation>已保存 {0}：填好各表后在这里读取。</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>{0} leaves the committee</source>
        <translation>{0} 离任</translation>
    </message>
    <message>
        <source>Last day on the committee</source>
        <translation>离任日期</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Resolution / task</source>
        <translation>议定事项／任务</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>最近反馈</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Overdue · {0}</source>
        <translation>逾期 · {0}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to the database</source>
        <translation>登录数据库</translation>
    </message>
    <message>
        <source>Remember the password on this PC (in the system&apos;s password store)</source>
        <translation>在本机记住密码（保存在系统密码库中）</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Server: {0}</source>
        <translation>服务器：{0}</translation>
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
    <message>
        <source>&amp;Import cases…</source>
        <translation>导入事件(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Check the columns</source>
        <translation>核对列</translation>
    </message>
    <message>
        <source>StreetBoard recognised the layout below; correct the mapping if a column is wrong.</source>
        <translation>已识别出下面的文件格式；如有列对应不对，请修改。</translation>
    </message>
    <message>
        <source>file under the catch-all category</source>
        <translation>归入“其他”分类</translation>
    </message>
    <message>
        <source>create the category</source>
        <translation>新建该分类</translation>
    </message>
    <message>
        <source>reject the row</source>
        <translation>拒绝该行</translation>
    </message>
    <message>
        <source>Save mapping as profile…</source>
        <translation>将对应关系保存为导入配置…</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>导入配置：</translation>
    </message>
    <message>
        <source>Unknown categories:</source>
        <translation>无法识别的分类：</translation>
    </message>
    <message>
        <source>First rows of the file:</source>
        <translation>文件的前几行：</translation>
    </message>
    <message>
        <source>Column for each field (* required):</source>
        <translation>各字段对应的列（* 为必填）：</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Recognised as: {0}.</source>
        <translation>识别为：{0}。</translation>
    </message>
    <message>
        <source>No profile fits these columns; map them by hand.</source>
        <translation>没有与这些列相符的导入配置，请手动对应。</translation>
    </message>
    <message>
        <source>{0}: {1}, {2} rows of data (header in row {3}).</source>
        <translation>{0}：{1}，{2} 行数据（表头在第 {3} 行）。</translation>
    </message>
    <message>
        <source>Save mapping as profile</source>
        <translation>保存为导入配置</translation>
    </message>
    <message>
        <source>Name of the profile (every committee PC will see it):</source>
        <translation>导入配置名称（各委员电脑都能看到）：</translation>
    </message>
    <message>
        <source>Saved the mapping as the profile “{0}”.</source>
        <translation>已将对应关系保存为导入配置“{0}”。</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>编辑会议</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>新建会议</translation>
    </message>
    <message>
        <source>Street committee (大工委)</source>
        <translation>大工委</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>议事机构</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Planned length</source>
        <translation>计划时长</translation>
    </message>
</context>
<context>
    <name>MeetingErrors</name>
    <message>
        <source>That record no longer exists; reload the meeting.</source>
        <translation>该记录已不存在，请重新载入会议。</translation>
    </message>
    <message>
        <source>No committee term has been entered yet; enter the term and its members on the Street page (基础信息) first.</source>
        <translation>尚未录入大工委届次，请先在“基础信息”页录入本届大工委及其成员。</translation>
    </message>
    <message>
        <source>Choose one of the listed kinds.</source>
        <translation>请从列表中选择类型。</translation>
    </message>
    <message>
        <source>Give it a title.</source>
        <translation>请填写标题。</translation>
    </message>
    <message>
        <source>The planned time must be a positive number of minutes.</source>
        <translation>计划时长须为正整数分钟。</translation>
    </message>
    <message>
        <source>Give the meeting a start time.</source>
        <translation>请填写会议开始时间。</translation>
    </message>
    <message>
        <source>The agenda is locked; unlock it before changing it.</source>
        <translation>议程已锁定，请先解锁再修改。</translation>
    </message>
    <message>
        <source>The meeting is closed; its record can no longer change.</source>
        <translation>会议已结束，会议记录不能再修改。</translation>
    </message>
    <message>
        <source>Start the meeting first.</source>
        <translation>请先开始会议。</translation>
    </message>
    <message>
        <source>Add at least one agenda item first.</source>
        <translation>请先添加至少一项议程。</translation>
    </message>
    <message>
        <source>The agenda changed meanwhile; reload it and move the item again.</source>
        <translation>议程已被他人修改，请重新载入后再调整顺序。</translation>
    </message>
    <message>
        <source>{0} is not a member of this committee term; sign them in as an observer (列席) instead.</source>
        <translation>{0}不是本届委员，请按列席签到。</translation>
    </message>
    <message>
        <source>{0} is a member of this term; sign them in as present, excused or absent.</source>
        <translation>{0}是本届委员，请按出席、请假或缺席签到。</translation>
    </message>
    <message>
        <source>Choose present, excused, observer or absent.</source>
        <translation>请选择出席、请假、列席或缺席。</translation>
    </message>
    <message>
        <source>A delegate attends for an excused member; set the status to excused.</source>
        <translation>代为出席须对应请假的委员，请将状态设为请假。</translation>
    </message>
    <message>
        <source>Type the name of the person signing in.</source>
        <translation>请输入签到人姓名。</translation>
    </message>
    <message>
        <source>Type the text of the resolution.</source>
        <translation>请输入决议内容。</translation>
    </message>
    <message>
        <source>Choose the owner unit (牵头单位) of the resolution.</source>
        <translation>请选择决议的牵头单位。</translation>
    </message>
    <message>
        <source>One of the chosen units no longer exists; reload the meeting.</source>
        <translation>所选单位中有单位已不存在，请重新载入会议。</translation>
    </message>
    <message>
        <source>Give the resolution a deadline.</source>
        <translation>请填写完成时限。</translation>
    </message>
    <message>
        <source>The deadline cannot be before the meeting date.</source>
        <translation>完成时限不能早于会议日期。</translation>
    </message>
    <message>
        <source>One of the linked cases no longer exists.</source>
        <translation>关联的事件中有事件已不存在。</translation>
    </message>
    <message>
        <source>One of the linked agreement items no longer exists.</source>
        <translation>关联的协议事项中有事项已不存在。</translation>
    </message>
    <message>
        <source>Accept, reject or defer the proposal.</source>
        <translation>请选择列入议程、不予采纳或暂缓。</translation>
    </message>
    <message>
        <source>This proposal has already been decided.</source>
        <translation>该议题已处理。</translation>
    </message>
    <message>
        <source>Someone else changed this meanwhile; your text is kept here and was not saved.</source>
        <translation>他人已修改此内容，您的文字保留在此处，尚未保存。</translation>
    </message>
    <message>
        <source>Choose the body that holds the meeting (大工委, a community 大党委 or a 联席会议).</source>
        <translation>请选择召开会议的议事机构（大工委、社区大党委或联席会议）。</translation>
    </message>
    <message>
        <source>{0} does not hold meetings of this kind; choose one of the kinds listed for it.</source>
        <translation>{0}不召开此类会议，请从所列会议类型中选择。</translation>
    </message>
    <message>
        <source>{0} is not a member of {1}; sign them in as an observer (列席) instead.</source>
        <translation>{0}不是{1}成员，请按列席签到。</translation>
    </message>
    <message>
        <source>Choose one of the listed quorum rules.</source>
        <translation>请从所列法定人数规则中选择。</translation>
    </message>
    <message>
        <source>The street has not been set up yet; set it up first.</source>
        <translation>尚未录入街道基础信息，请先完成设置。</translation>
    </message>
    <message>
        <source>A new body is a community 大党委 or a 联席会议.</source>
        <translation>新建的议事机构只能是社区大党委或联席会议。</translation>
    </message>
    <message>
        <source>Choose the level of the 联席会议: industry, street or community.</source>
        <translation>请选择联席会议的层级：行业系统、街道或社区。</translation>
    </message>
    <message>
        <source>Choose the community of the 大党委.</source>
        <translation>请选择大党委所在的社区。</translation>
    </message>
    <message>
        <source>There is already a body named {0}; choose another name.</source>
        <translation>已有名为{0}的议事机构，请换一个名称。</translation>
    </message>
    <message>
        <source>The minutes are approved; change them by an amendment (a new signed revision with its reason).</source>
        <translation>纪要已审定，只能通过修订（附理由的新签名版本）更改。</translation>
    </message>
    <message>
        <source>Only a closed meeting can be reopened.</source>
        <translation>只有已结束的会议可以重新开启。</translation>
    </message>
    <message>
        <source>Give the reason for reopening the meeting.</source>
        <translation>请填写重新开启会议的理由。</translation>
    </message>
    <message>
        <source>Enter the votes for, against and abstaining, or tick unanimous.</source>
        <translation>请填写同意、反对、弃权票数，或勾选一致同意。</translation>
    </message>
    <message>
        <source>The 大工委&apos;s members are the committee term&apos;s members; change them on the Street page (基础信息).</source>
        <translation>大工委成员即本届委员，请在“基础信息”页修改。</translation>
    </message>
</context>
<context>
    <name>MeetingListModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>议事机构</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>决议</translation>
    </message>
</context>
<context>
    <name>MeetingRoom</name>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Observer</source>
        <translation>列席</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未签到</translation>
    </message>
    <message>
        <source>Meeting room</source>
        <translation>会议室</translation>
    </message>
    <message>
        <source>Show on projector</source>
        <translation>投屏显示</translation>
    </message>
    <message>
        <source>Close meeting</source>
        <translation>结束会议</translation>
    </message>
    <message>
        <source>Projector:</source>
        <translation>投影屏幕：</translation>
    </message>
    <message>
        <source>Restore drafts</source>
        <translation>恢复草稿</translation>
    </message>
    <message>
        <source>Discard drafts</source>
        <translation>丢弃草稿</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Delegate (代为出席)</source>
        <translation>代为出席人</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一项</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一项 ▶</translation>
    </message>
    <message>
        <source>No minutes (无记录)</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>增加议题</translation>
    </message>
    <message>
        <source>Public titles…</source>
        <translation>公开标题…</translation>
    </message>
    <message>
        <source>Minutes of this item (会议纪要)…</source>
        <translation>本项议程的会议记录……</translation>
    </message>
    <message>
        <source>Current item</source>
        <translation>当前议程</translation>
    </message>
    <message>
        <source>What was decided…</source>
        <translation>议定事项内容……</translation>
    </message>
    <message>
        <source>Record resolution</source>
        <translation>记录决议</translation>
    </message>
    <message>
        <source>Resolution (决议)</source>
        <translation>决议（议定事项）</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-units</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Linked cases</source>
        <translation>关联事件</translation>
    </message>
    <message>
        <source>Agreement items</source>
        <translation>协议事项</translation>
    </message>
    <message>
        <source>Vote (表决)</source>
        <translation>表决</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>已形成决议</translation>
    </message>
    <message>
        <source>Next agenda item</source>
        <translation>下一个议题</translation>
    </message>
    <message>
        <source>Previous agenda item</source>
        <translation>上一个议题</translation>
    </message>
    <message>
        <source>Minutes of this item; Ctrl+Tab types a tab</source>
        <translation>本议题的纪要；Ctrl+Tab 输入制表符</translation>
    </message>
    <message>
        <source>Text of a new resolution</source>
        <translation>新决议的内容</translation>
    </message>
    <message>
        <source>Name of the person signing in</source>
        <translation>签到人姓名</translation>
    </message>
    <message>
        <source>Attendance status</source>
        <translation>出席状态</translation>
    </message>
    <message>
        <source>Who attends for an excused member (代为出席)</source>
        <translation>代请假成员出席的人（代为出席）</translation>
    </message>
    <message>
        <source>Unit of an observer (列席)</source>
        <translation>列席人员的单位</translation>
    </message>
    <message>
        <source>Roster: arrows choose, Enter fills the form</source>
        <translation>签到名单：方向键选择，回车填入表单</translation>
    </message>
    <message>
        <source>Owner unit (牵头单位)</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-units: Space ticks the unit</source>
        <translation>配合单位：空格键勾选</translation>
    </message>
    <message>
        <source>Deadline (完成时限)</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Linked cases: Space ticks the case</source>
        <translation>关联事件：空格键勾选</translation>
    </message>
    <message>
        <source>Agreement items: Space ticks</source>
        <translation>协议事项：空格键勾选</translation>
    </message>
    <message>
        <source>Record resolution (记录决议)</source>
        <translation>记录决议</translation>
    </message>
    <message>
        <source>Resolutions recorded</source>
        <translation>已记录的决议</translation>
    </message>
    <message>
        <source>Vote: unanimous, or the counts beside it</source>
        <translation>表决：一致同意，或在右侧填写票数</translation>
    </message>
    <message>
        <source>Mark this item as having no minutes (无记录)</source>
        <translation>将本议题标记为无记录</translation>
    </message>
    <message>
        <source>Add an item raised during the meeting</source>
        <translation>增加会上提出的议题</translation>
    </message>
    <message>
        <source>What the projector calls each linked case (never the resident&apos;s own words)</source>
        <translation>投影上对各关联事件的称呼（不显示居民原话）</translation>
    </message>
    <message>
        <source>Screen of the projector</source>
        <translation>投影所用的屏幕</translation>
    </message>
    <message>
        <source>Show or hide the projector</source>
        <translation>打开或关闭投影</translation>
    </message>
    <message>
        <source>Close the meeting (结束会议), or reopen a closed one</source>
        <translation>结束会议，或重新开启已结束的会议</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <source>Reopen meeting</source>
        <translation>重新开启会议</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>— observer&apos;s unit —</source>
        <translation>— 列席单位 —</translation>
    </message>
    <message>
        <source>{0}. {1} — {2}, by {3}</source>
        <translation>{0}. {1} — {2}，{3}前完成</translation>
    </message>
    <message>
        <source>Quorum reached</source>
        <translation>已达到法定人数</translation>
    </message>
    <message>
        <source>No quorum yet</source>
        <translation>尚未达到法定人数</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} members present (needs {3}; {4} by delegate), {5} excused, {6} absent, {7} observers</source>
        <translation>{0}：到会 {1}/{2} 人（需 {3} 人；代为出席 {4} 人），请假 {5} 人，缺席 {6} 人，列席 {7} 人</translation>
    </message>
    <message>
        <source>This meeting has no agenda yet.</source>
        <translation>本次会议尚无议程。</translation>
    </message>
    <message>
        <source>{0}/{1} {2}</source>
        <translation>{0}/{1} {2}</translation>
    </message>
    <message>
        <source>The local draft could not be written; the minutes are still saved to the database.</source>
        <translation>本地草稿无法写入；会议记录仍在保存到数据库。</translation>
    </message>
    <message>
        <source>Saved at {0}</source>
        <translation>已于 {0} 保存</translation>
    </message>
    <message>
        <source>Not connected: these minutes are kept on this PC and saved in order when the connection is back.</source>
        <translation>未连接：这段纪要已保存在本机，连接恢复后按顺序保存到数据库。</translation>
    </message>
    <message numerus="yes">
        <source>Unsaved minutes from {0} were found for %n item(s).</source>
        <translation>
            <numerusform>发现 {0} 未保存的会议记录，共 %n 项议程。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{0}: {1} — kept on this PC; saved automatically when the connection is back.</source>
        <translation>{0}：{1}——已暂存在本机，连接恢复后自动保存。</translation>
    </message>
    <message>
        <source>Resolution {0} recorded; its task is now tracked.</source>
        <translation>第 {0} 项决议已记录，已生成督办任务。</translation>
    </message>
    <message>
        <source>Not connected: the resolution is kept on this PC and recorded when the connection is back.</source>
        <translation>未连接：这条决议已保存在本机，连接恢复后记入数据库。</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) made while offline are not saved yet: {0}. The meeting was not closed; close it once they are saved (the status bar shows the connection).</source>
        <translation>
            <numerusform>还有 %n 项离线修改尚未保存：{0}。会议没有结束；请等这些修改保存后再结束会议（连接状态见状态栏）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The meeting is closed; the minutes draft is ready for approval.</source>
        <translation>会议已结束，会议纪要草稿待审定。</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Plenary (大工委全体会议)</source>
        <translation>大工委全体会议</translation>
    </message>
    <message>
        <source>Regular meeting (例会)</source>
        <translation>例会</translation>
    </message>
    <message>
        <source>Topical meeting (专题会)</source>
        <translation>专题会</translation>
    </message>
    <message>
        <source>Joint meeting (联席会议)</source>
        <translation>联席会议</translation>
    </message>
    <message>
        <source>Community party committee (社区大党委会议)</source>
        <translation>社区大党委会议</translation>
    </message>
    <message>
        <source>Case review</source>
        <translation>事件研判</translation>
    </message>
    <message>
        <source>Follow-up of resolutions</source>
        <translation>决议落实通报</translation>
    </message>
    <message>
        <source>Pairing review</source>
        <translation>结对共建推进</translation>
    </message>
    <message>
        <source>Unit report</source>
        <translation>单位述职</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>筹备中</translation>
    </message>
    <message>
        <source>Agenda locked</source>
        <translation>议程已锁定</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Minutes approved</source>
        <translation>纪要已审定</translation>
    </message>
    <message>
        <source>Meetings</source>
        <extracomment>the body filter before the first load: the street committee&apos;s meetings</extracomment>
        <translation>会议</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>新建会议…</translation>
    </message>
    <message>
        <source>Show the meetings of one body (议事机构) or of all</source>
        <translation>显示某一议事机构或全部议事机构的会议</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>议事机构</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Case number or title</source>
        <translation>事件编号或标题</translation>
    </message>
    <message>
        <source>Item title</source>
        <translation>议程标题</translation>
    </message>
    <message>
        <source>Find cases</source>
        <translation>查找事件</translation>
    </message>
    <message>
        <source>Results (double-click to link)</source>
        <translation>查找结果（双击关联）</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加议程</translation>
    </message>
    <message>
        <source>Save item</source>
        <translation>保存议程</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Generate follow-up items</source>
        <translation>生成决议落实通报</translation>
    </message>
    <message>
        <source>Lock agenda</source>
        <translation>锁定议程</translation>
    </message>
    <message>
        <source>Edit meeting…</source>
        <translation>编辑会议…</translation>
    </message>
    <message>
        <source>Notice as PDF…</source>
        <translation>导出会议通知 PDF…</translation>
    </message>
    <message>
        <source>Notice as xlsx…</source>
        <translation>导出会议通知 xlsx…</translation>
    </message>
    <message>
        <source>Start meeting (开始会议)</source>
        <translation>开始会议</translation>
    </message>
    <message>
        <source>Linked cases (double-click to remove)</source>
        <translation>关联事件（双击移除）</translation>
    </message>
    <message>
        <source>Notice, sign-in sheet…</source>
        <translation>会议通知、签到表…</translation>
    </message>
    <message>
        <source>Notice as DOCX…</source>
        <translation>会议通知（DOCX）…</translation>
    </message>
    <message>
        <source>Print preview of the notice…</source>
        <translation>打印预览会议通知…</translation>
    </message>
    <message>
        <source>Sign-in sheet as PDF…</source>
        <translation>签到表（PDF）…</translation>
    </message>
    <message>
        <source>Sign-in sheet as DOCX…</source>
        <translation>签到表（DOCX）…</translation>
    </message>
    <message>
        <source>Print preview of the sign-in sheet…</source>
        <translation>打印预览签到表…</translation>
    </message>
    <message>
        <source>Put on the agenda</source>
        <translation>列入议程</translation>
    </message>
    <message>
        <source>Defer</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不予采纳</translation>
    </message>
    <message>
        <source>Agenda (议程)</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Topic proposals (议题征集)</source>
        <translation>议题征集</translation>
    </message>
    <message>
        <source>All bodies</source>
        <translation>全部议事机构</translation>
    </message>
    <message>
        <source>{0} ({1} meetings)</source>
        <translation>{0}（{1}次会议）</translation>
    </message>
    <message>
        <source>No meetings yet: create one with “New meeting…”.</source>
        <translation>还没有会议：请点击“新建会议…”。</translation>
    </message>
    <message>
        <source>{0}
{7} · {1} · {2} · {3}
Chair: {4} · Recorder: {5} · {6}</source>
        <translation>{0}
{7} · {1} · {2} · {3}
主持人：{4} · 记录人：{5} · {6}</translation>
    </message>
    <message>
        <source>Planned {0} of {1} minutes</source>
        <translation>议程合计 {0} 分钟 / 计划 {1} 分钟</translation>
    </message>
    <message>
        <source> — over the planned length</source>
        <translation> — 超出计划时长</translation>
    </message>
    <message>
        <source>Unlock agenda</source>
        <translation>解锁议程</translation>
    </message>
    <message>
        <source>Open meeting room</source>
        <translation>进入会议室</translation>
    </message>
    <message>
        <source> · case {0}</source>
        <translation> · 事件 {0}</translation>
    </message>
    <message>
        <source>[{0}] {1} — {2}</source>
        <translation>[{0}] {1} — {2}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>on agenda</source>
        <translation>已列入</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>未采纳</translation>
    </message>
    <message>
        <source>deferred</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>{unit}: follow-up of {count} resolutions ({overdue} overdue)</source>
        <translation>{unit}：议定事项落实情况（{count}项，其中逾期{overdue}项）</translation>
    </message>
    <message numerus="yes">
        <source>Added %n follow-up item(s).</source>
        <translation>
            <numerusform>已添加 %n 项决议落实通报。</numerusform>
        </translation>
    </message>
    <message>
        <source> sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Save the agenda notice</source>
        <translation>保存会议通知</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}，请选择可写入的文件夹。</translation>
    </message>
    <message>
        <source>Wrote {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Someone else saved this record while you were editing it; reload to see their version.</source>
        <translation>您编辑期间，他人已保存了这条记录；请重新载入查看对方的版本。</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this: {0}</source>
        <translation>您的账号无权执行此操作：{0}</translation>
    </message>
    <message>
        <source>The connection to the database was lost; this change was not saved. Do it again once the status bar says the server is connected.</source>
        <translation>与数据库的连接已断开，这次的修改没有保存；请等状态栏显示“已连接”后再做一次。</translation>
    </message>
    <message>
        <source>The database refused the change: {0}</source>
        <translation>数据库拒绝了这次修改：{0}</translation>
    </message>
    <message>
        <source>The operation failed: {0}</source>
        <translation>操作未完成：{0}</translation>
    </message>
    <message>
        <source>The minutes of this meeting are approved, so its record is sealed; correct it by amending the minutes, with a reason.</source>
        <translation>本次会议纪要已审定，会议记录已封存；如需更正，请修订纪要并写明理由。</translation>
    </message>
    <message>
        <source>Minutes stay with their meeting; they cannot be moved to another.</source>
        <translation>纪要属于其会议，不能移到其他会议。</translation>
    </message>
    <message>
        <source>An amendment of approved minutes needs a reason; write one and save again.</source>
        <translation>修订已审定的纪要需要写明理由；请填写后再保存。</translation>
    </message>
    <message>
        <source>Only the secretary can approve minutes; ask the secretary to approve them.</source>
        <translation>只有秘书可以审定纪要；请秘书审定。</translation>
    </message>
    <message>
        <source>Only the secretary can close a resolution, once a meeting has verified it; mark it ready to verify instead.</source>
        <translation>只有秘书可以在会议核查后办结议定事项；请改为标记为待核查。</translation>
    </message>
    <message>
        <source>Only the secretary can amend the minutes of an approved meeting; ask the secretary to do it.</source>
        <translation>只有秘书可以修订已审定会议的纪要；请秘书修订。</translation>
    </message>
</context>
<context>
    <name>MinutesCli</name>
    <message>
        <source>OK: {0} approved minutes revisions checked, {1} of them signed; the chain is intact.</source>
        <translation>通过：已核验 {0} 份已审定纪要，其中 {1} 份带电子签名，哈希链完整。</translation>
    </message>
    <message>
        <source>{0} matches the approved minutes of “{1}” ({2}), revision {3}, in the database.</source>
        <translation>{0} 与数据库中“{1}”（{2}）第 {3} 版已审定纪要一致。</translation>
    </message>
    <message>
        <source>{0} does not match: its text differs from the approved minutes of “{1}” ({2}), revision {3}, that its hash line names.</source>
        <translation>{0} 不一致：其内容与校验码所指的“{1}”（{2}）第 {3} 版已审定纪要不同。</translation>
    </message>
    <message>
        <source>{0} names the minutes of “{1}” ({2}), revision {3}, but the database&apos;s record of them no longer verifies; run “streetboard verify”.</source>
        <translation>{0} 所指的是“{1}”（{2}）第 {3} 版纪要，但数据库中的这份记录已无法通过核验；请运行“streetboard verify”。</translation>
    </message>
    <message>
        <source>{0} is not a DOCX file StreetBoard can read.</source>
        <translation>{0} 不是 StreetBoard 能读取的 DOCX 文件。</translation>
    </message>
    <message>
        <source>{0} is not a copy of approved minutes in this database: it has no hash line, or one no approved revision has.</source>
        <translation>{0} 不是本数据库中已审定纪要的副本：文件中没有校验码，或校验码不属于任何已审定版本。</translation>
    </message>
    <message>
        <source>The signing key of {0} is on this PC and registered: fingerprint {1}.</source>
        <translation>{0} 的签名密钥已保存在本机并完成登记，指纹：{1}。</translation>
    </message>
    <message>
        <source>This PC has no usable keyring to keep a signing key in; set up the desktop&apos;s keyring (or approve from a PC that has one).</source>
        <translation>本机没有可用的密钥环来保存签名密钥；请先设置桌面系统的密钥环（或在有密钥环的电脑上审定）。</translation>
    </message>
    <message>
        <source>No signing keys are registered yet; add one with “streetboard keys add --user NAME”.</source>
        <translation>尚未登记任何签名密钥；请用“streetboard keys add --user 用户名”登记。</translation>
    </message>
    <message>
        <source>on this PC</source>
        <translation>在本机</translation>
    </message>
    <message>
        <source>not on this PC</source>
        <translation>不在本机</translation>
    </message>
    <message>
        <source>Wrote {0}.</source>
        <translation>已写入 {0}。</translation>
    </message>
    <message>
        <source>There is no meeting {0}; “streetboard snapshot meetings” shows the meetings and their numbers.</source>
        <translation>没有编号为 {0} 的会议；“streetboard snapshot meetings”列出各次会议及其编号。</translation>
    </message>
    <message>
        <source>Wrote {0}: {1} resolutions and tasks.</source>
        <translation>已写入 {0}：议定事项及任务共 {1} 条。</translation>
    </message>
</context>
<context>
    <name>MinutesMessages</name>
    <message>
        <source>The approved minutes of “{0}” ({1}), revision {2}, were changed outside StreetBoard: they no longer match their hash.</source>
        <translation>“{0}”（{1}）的已审定纪要第 {2} 版在本系统之外被改动：内容与哈希值不符。</translation>
    </message>
    <message>
        <source>The chain breaks at the minutes of “{0}” ({1}), revision {2}: an approved record before it was deleted or reordered.</source>
        <translation>哈希链在“{0}”（{1}）纪要第 {2} 版处断开：其前面的已审定纪要被删除或调换了顺序。</translation>
    </message>
    <message>
        <source>The hash of the minutes of “{0}” ({1}), revision {2}, was recomputed after a change: the approver&apos;s signature no longer matches.</source>
        <translation>“{0}”（{1}）第 {2} 版纪要的哈希在改动后被重新计算：审定人的电子签名已不匹配。</translation>
    </message>
    <message>
        <source>The minutes of “{0}” ({1}), revision {2}, carry no signature although they should.</source>
        <translation>“{0}”（{1}）第 {2} 版纪要应有电子签名，但没有。</translation>
    </message>
    <message>
        <source>The minutes of “{0}” ({1}), revision {2}, are signed with a key that is not the approver&apos;s registered key.</source>
        <translation>“{0}”（{1}）第 {2} 版纪要所用的签名密钥不是审定人登记的密钥。</translation>
    </message>
    <message>
        <source>The attendance, agenda or resolutions of “{0}” ({1}) were changed after revision {2} of its minutes was approved.</source>
        <translation>“{0}”（{1}）的出席情况、议程或议定事项在第 {2} 版纪要审定后被改动。</translation>
    </message>
    <message>
        <source>The newest approved minutes, revision {2} of “{0}” ({1}), are gone: the signed end of the chain still names them.</source>
        <translation>最新审定的纪要——“{0}”（{1}）第 {2} 版——已不在数据库中：签名的链尾仍指向它。</translation>
    </message>
    <message>
        <source>The signed end of the chain at the minutes of “{0}” ({1}), revision {2}, no longer matches the chain.</source>
        <translation>在“{0}”（{1}）第 {2} 版纪要处签名的链尾与现有哈希链不符。</translation>
    </message>
    <message>
        <source>The minutes of “{0}” ({1}), revision {2}, are marked approved but carry no hash.</source>
        <translation>“{0}”（{1}）纪要第 {2} 版标为已审定，却没有哈希值。</translation>
    </message>
    <message>
        <source>The approved minutes of “{0}” ({1}) are missing from the database.</source>
        <translation>数据库中缺少“{0}”（{1}）的已审定纪要。</translation>
    </message>
    <message>
        <source>These minutes are approved and the database refuses to change them; record an amendment with a reason instead.</source>
        <translation>该纪要已审定，数据库拒绝修改；请改为填写原因并记录修正。</translation>
    </message>
    <message>
        <source>{0} has no signing key yet; register one on this PC with “streetboard keys add --user {0}”, then approve.</source>
        <translation>{0} 还没有签名密钥；请在本机运行“streetboard keys add --user {0}”登记后再审定。</translation>
    </message>
    <message>
        <source>This PC has no usable keyring for signing keys; approve on the PC whose key is registered for {0}.</source>
        <translation>本机没有可用的密钥环保存签名密钥；请在登记了 {0} 密钥的电脑上审定。</translation>
    </message>
    <message>
        <source>The signing key of {0} is not on this PC; approve on the PC where it was registered, or register this PC with “streetboard keys add --user {0}”.</source>
        <translation>{0} 的签名密钥不在本机；请在登记密钥的电脑上审定，或运行“streetboard keys add --user {0}”为本机登记。</translation>
    </message>
    <message>
        <source>Agenda item {0} “{1}” has no notes and no resolution; write what was discussed before approving.</source>
        <translation>第 {0} 项议程“{1}”既无记录也无议定事项；请先补写讨论情况再审定。</translation>
    </message>
    <message>
        <source>The minutes of “{0}” have no draft to approve; close the meeting first.</source>
        <translation>“{0}”没有待审定的纪要稿；请先结束会议。</translation>
    </message>
    <message>
        <source>The minutes of “{0}” are not approved yet; correct the draft instead of amending it.</source>
        <translation>“{0}”的纪要尚未审定；请直接修改纪要稿。</translation>
    </message>
    <message>
        <source>An amendment needs a reason; write why the approved minutes are corrected.</source>
        <translation>修正须填写原因；请写明为何更正已审定的纪要。</translation>
    </message>
    <message>
        <source>This meeting cannot be closed in its present state.</source>
        <translation>该会议在当前状态下不能结束。</translation>
    </message>
    <message>
        <source>There is no meeting with the number {0}.</source>
        <translation>没有编号为 {0} 的会议。</translation>
    </message>
    <message>
        <source>Someone else saved a newer version while you were editing; your text is kept — reload and apply it again.</source>
        <translation>您编辑期间，他人已保存了更新的版本；您的文字已保留，请重新载入后再次填入。</translation>
    </message>
    <message>
        <source>Progress must be a whole number from 0 to 100 %, not {0}.</source>
        <translation>进度须为 0 至 100% 之间的整数，不能是 {0}。</translation>
    </message>
    <message>
        <source>“{0}” is past its deadline ({1}); write the reason it was missed.</source>
        <translation>“{0}”已超过完成时限（{1}）；请填写逾期原因。</translation>
    </message>
    <message>
        <source>“{0}” is finished or cancelled; it takes no more progress.</source>
        <translation>“{0}”已办结或已撤销，不能再反馈进度。</translation>
    </message>
    <message>
        <source>Resolution {0} is not ready to verify: its tasks or cases are still open.</source>
        <translation>第 {0} 项议定事项尚不能核查：其任务或关联事件仍未办结。</translation>
    </message>
    <message>
        <source>“{0}” was not held after the meeting that made the resolution; choose a later meeting.</source>
        <translation>“{0}”并非在作出该决议的会议之后召开；请选择之后的会议。</translation>
    </message>
    <message>
        <source>That record no longer exists; reload the list.</source>
        <translation>该记录已不存在，请重新载入列表。</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to. Nothing was changed.</source>
        <translation>无法写入 {0}；请选择有写入权限的文件夹。未做任何改动。</translation>
    </message>
</context>
<context>
    <name>NewTermDialog</name>
    <message>
        <source>Start a new committee term</source>
        <translation>开始新一届大工委</translation>
    </message>
    <message>
        <source>Carry the members over (those who have not left)</source>
        <translation>沿用本届成员（已离任的除外）</translation>
    </message>
    <message>
        <source>Term number</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>会议议程</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>时长（分钟）</translation>
    </message>
    <message>
        <source>Planned {0} of {1} minutes</source>
        <translation>议程共计 {0} 分钟（会议计划 {1} 分钟）</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>“{0}” is not a database address StreetBoard understands; use a file path, sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE.</source>
        <translation>“{0}”不是可识别的数据库地址；请使用文件路径、sqlite:///路径 或 postgresql://用户@主机:端口/数据库名。</translation>
    </message>
    <message>
        <source>“{0}” names no database; write the whole address, such as postgresql://USER@SERVER:5432/streetboard.</source>
        <translation>“{0}”没有指明数据库；请写出完整地址，例如 postgresql://USER@SERVER:5432/streetboard。</translation>
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
        <source>The database file {0} is in use by another program ({1}); nothing was changed. Try again in a moment, or close that program.</source>
        <translation>数据库文件 {0} 正被另一个程序占用（{1}），这次没有改动任何内容；请稍后重试，或先关闭那个程序。</translation>
    </message>
    <message>
        <source>The database file {0} is in use by another program; nothing was changed. Try again in a moment, or close the other StreetBoard or the program that has it open.</source>
        <translation>数据库文件 {0} 正被另一个程序占用，这次没有改动任何内容；请稍后重试，或先关闭另一个 StreetBoard 或打开着它的程序。</translation>
    </message>
    <message>
        <source>The disk holding {0} is full; nothing was written. Free some space on it and try again.</source>
        <translation>存放 {0} 的磁盘已满，这次没有写入任何内容；请先在该磁盘上腾出空间，再重试。</translation>
    </message>
    <message>
        <source>{0} is open read-only (a read-only disk or a file you may not change); nothing can be saved. Copy it to a folder you can write to and open the copy.</source>
        <translation>{0} 以只读方式打开（只读磁盘，或您无权修改的文件），无法保存任何修改；请把它复制到您能写入的文件夹，再打开复制的文件。</translation>
    </message>
    <message>
        <source>The database file {0} was deleted or moved while it was open; nothing more is saved to it. Close StreetBoard and open the database from where it is now.</source>
        <translation>数据库文件 {0} 在打开期间被删除或移动，之后的修改都不会再保存到它；请关闭 StreetBoard，从它现在的位置重新打开数据库。</translation>
    </message>
    <message>
        <source>Cannot open the database {0}.</source>
        <translation>无法打开数据库 {0}。</translation>
    </message>
</context>
<context>
    <name>OutboxReplayer</name>
    <message>
        <source>Minutes of agenda item {0}</source>
        <translation>议程事项 {0} 的纪要</translation>
    </message>
    <message>
        <source>Sign-in at meeting {0}</source>
        <translation>会议 {0} 的签到</translation>
    </message>
    <message>
        <source>A resolution recorded at meeting {0}</source>
        <translation>会议 {0} 上记录的决议</translation>
    </message>
    <message>
        <source>Progress of task {0}</source>
        <translation>任务 {0} 的进度</translation>
    </message>
    <message>
        <source>the sign-in of {0}</source>
        <translation>{0} 的签到</translation>
    </message>
    <message>
        <source>the resolution “{0}”</source>
        <translation>决议“{0}”</translation>
    </message>
    <message>
        <source>the minutes of “{0}”</source>
        <translation>“{0}”的纪要</translation>
    </message>
    <message>
        <source>A change made while offline ({0}) was refused by the meeting&apos;s rules and not saved (for example, the meeting was closed meanwhile).</source>
        <translation>一项离线修改（{0}）不符合会议规则，没有保存（例如会议已在此期间结束）。</translation>
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
    <message>
        <source>{0} member-unit attendance</source>
        <translation>{0}成员单位出席率</translation>
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
        <source>Agreement year</source>
        <extracomment>what &quot;now&quot; is for the figures (tests pin it)</extracomment>
        <translation>协议年度</translation>
    </message>
    <message>
        <source>Import agreement items…</source>
        <translation>导入协议事项…</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>超期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>City-level unit</source>
        <translation>市直单位</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Agreement item</source>
        <translation>协议事项</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Pairings and progress</source>
        <translation>结对与进度</translation>
    </message>
    <message>
        <source>Agreement items</source>
        <translation>协议事项</translation>
    </message>
    <message>
        <source>Link and fix labels</source>
        <translation>“联”与“定”名称</translation>
    </message>
    <message>
        <source>Paired since</source>
        <translation>结对起始年</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>年度协议</translation>
    </message>
    <message>
        <source>none signed</source>
        <translation>未签订</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Per pairing</source>
        <translation>按结对</translation>
    </message>
    <message>
        <source>Per community</source>
        <translation>按社区</translation>
    </message>
    <message>
        <source>Bar: mean progress of the year&apos;s items. Orange with “!”: the pairing or community has overdue items.</source>
        <translation>条形为本年度事项平均进度；橙色并带“!”表示该结对或社区有超期事项。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Overdue · {0}</source>
        <translation>已超期 · {0}</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Progress updates of the selected item</source>
        <translation>所选事项的进展记录</translation>
    </message>
    <message>
        <source>0–100</source>
        <translation>0–100</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>完成了哪些工作</translation>
    </message>
    <message>
        <source>Evidence (photos, sign-in sheets…)</source>
        <translation>佐证材料（照片、签到表等）</translation>
    </message>
    <message>
        <source>Record progress</source>
        <translation>登记进展</translation>
    </message>
    <message>
        <source>Progress %</source>
        <translation>进度 %</translation>
    </message>
    <message>
        <source>New item: what will be done</source>
        <translation>新事项：做什么</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Add item to this agreement</source>
        <translation>添加到本协议</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Label name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Name, e.g. 联组织建设</source>
        <translation>名称，如 联组织建设</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>含义说明</translation>
    </message>
    <message>
        <source>Save label</source>
        <translation>保存名称</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>新增名称</translation>
    </message>
    <message>
        <source>The official wording of the four links and four fixes differs between places; the names here are data and can be changed.</source>
        <translation>“四联四定”的具体表述各地不一，这里的名称是可修改的数据。</translation>
    </message>
    <message>
        <source>As of {0}</source>
        <translation>截至 {0}</translation>
    </message>
    <message numerus="yes">
        <source>Overdue agreement items: %n, </source>
        <translation>
            <numerusform>超期协议事项 %n 项，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>held by %n responsible person(s)</source>
        <translation>
            <numerusform>涉及责任人 %n 名</numerusform>
        </translation>
    </message>
    <message>
        <source>No agreement item is overdue</source>
        <translation>没有超期的协议事项</translation>
    </message>
    <message>
        <source>No pairing has been entered yet; import the agreement items.</source>
        <translation>尚未录入四联四定结对；请导入协议事项。</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（不分类）</translation>
    </message>
    <message>
        <source>Progress per pairing, {0}</source>
        <translation>{0} 年各结对进度</translation>
    </message>
    <message>
        <source>Progress per community, {0}</source>
        <translation>{0} 年各社区进度</translation>
    </message>
    <message>
        <source>{0} · {1}/{2} done</source>
        <translation>{0} · 完成 {1}/{2}</translation>
    </message>
    <message>
        <source>Select a pairing on the first tab</source>
        <translation>请在第一个标签页选择一个结对</translation>
    </message>
    <message>
        <source>{0} — {1}: agreement of {2}</source>
        <translation>{0} — {1}：{2} 年度协议</translation>
    </message>
    <message>
        <source>{0} — {1}: no agreement signed for {2}; adding an item creates it</source>
        <translation>{0} — {1}：{2} 年尚未签订协议，添加事项时将自动建立</translation>
    </message>
    <message>
        <source>Import agreement items</source>
        <translation>导入四联四定协议事项</translation>
    </message>
    <message>
        <source>Select an agreement item first.</source>
        <translation>请先选择一个协议事项。</translation>
    </message>
    <message>
        <source>The progress is recorded.</source>
        <translation>进展已登记。</translation>
    </message>
    <message>
        <source>Select a pairing first.</source>
        <translation>请先选择一个结对。</translation>
    </message>
    <message>
        <source>The item is added to the agreement.</source>
        <translation>事项已添加到协议。</translation>
    </message>
    <message>
        <source>The label is saved.</source>
        <translation>名称已保存。</translation>
    </message>
</context>
<context>
    <name>PresenterWindow</name>
    <message>
        <source>Projector</source>
        <extracomment>Light on dark; every foreground has a contrast ratio ≥ 7:1 against ``background`` (tested). pixel sizes at a 1080-pixel-high window; scaled with the height</extracomment>
        <translation>投影</translation>
    </message>
    <message>
        <source>No agenda item</source>
        <translation>暂无议程</translation>
    </message>
    <message>
        <source>Item {0} of {1} · {2} min planned</source>
        <translation>议程 {0}/{1} · 计划 {2} 分钟</translation>
    </message>
    <message>
        <source>quorum reached</source>
        <translation>已达到法定人数</translation>
    </message>
    <message>
        <source>quorum not reached</source>
        <translation>未达到法定人数</translation>
    </message>
    <message>
        <source>Present {0} of {1} members · {2} (needs {3}) · observers {4}</source>
        <translation>到会 {0}/{1} 人 · {2}（需 {3} 人）· 列席 {4} 人</translation>
    </message>
    <message>
        <source>Resolution being recorded</source>
        <translation>正在记录的决议</translation>
    </message>
    <message>
        <source>linked cases</source>
        <translation>关联事件</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>{0} · due {1} · {2} · {3}</source>
        <translation>{0} · 时限 {1} · {2} · {3}</translation>
    </message>
    <message>
        <source>{0} · due {1} · {2}</source>
        <translation>{0} · 时限 {1} · {2}</translation>
    </message>
    <message>
        <source>open resolutions</source>
        <translation>未完成决议</translation>
    </message>
    <message>
        <source>{0} attendance</source>
        <translation>{0}出席率</translation>
    </message>
    <message>
        <source>resolutions on time</source>
        <translation>决议按期完成率</translation>
    </message>
    <message>
        <source>overdue resolutions</source>
        <translation>逾期未完成决议</translation>
    </message>
    <message>
        <source>{0} items done</source>
        <translation>{0}年已完成事项</translation>
    </message>
    <message>
        <source>average progress</source>
        <translation>平均进度</translation>
    </message>
    <message>
        <source>items overdue</source>
        <translation>逾期事项</translation>
    </message>
    <message>
        <source>{0} · {1}% · due {2}</source>
        <translation>{0} · {1}% · 时限 {2}</translation>
    </message>
    <message>
        <source> (main)</source>
        <translation>（主屏）</translation>
    </message>
    <message>
        <source>Screen {0}: {1}×{2}{3}</source>
        <translation>屏幕 {0}：{1}×{2}{3}</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Minutes typed on this PC were not saved (last at {0}; agenda items: {1}) — the app or the connection stopped. Save them now? Anything changed meanwhile on another PC is shown side by side first.</source>
        <translation>本机有 {1} 项议程的会议记录尚未保存（最后一次在 {0}），可能是程序或网络中断所致。现在保存吗？若其他电脑在此期间做过修改，会先并排显示供您选择。</translation>
    </message>
    <message>
        <source>Unsaved minutes found</source>
        <translation>发现未保存的会议记录</translation>
    </message>
    <message>
        <source>Unsaved minutes not saved</source>
        <translation>未保存的纪要无法保存</translation>
    </message>
    <message>
        <source>Minutes typed on this PC for {0} agenda items were not saved: their meeting has been closed or approved since, and its record can no longer change. The text is under Show Details to copy; it will not be offered again.</source>
        <translation>本机为 {0} 个议程事项录入的纪要未能保存：所属会议已结束或纪要已审定，记录不能再更改。文字可在“显示详细信息”中复制，之后不再提示。</translation>
    </message>
    <message>
        <source>Minutes of agenda item {0}</source>
        <translation>议程 {0} 的会议记录</translation>
    </message>
</context>
<context>
    <name>ResolutionsPage</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>推进中</translation>
    </message>
    <message>
        <source>Ready to verify</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>决议督办</translation>
    </message>
    <message>
        <source>All statuses</source>
        <extracomment>the side-by-side dialog of a progress save that met a newer version (while it is open)</extracomment>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <source>Export ledger…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Traceability</source>
        <translation>追溯</translation>
    </message>
    <message>
        <source>Meeting minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>Select a task in the list.</source>
        <translation>请在列表中选择一项任务。</translation>
    </message>
    <message>
        <source>What was done since the last update</source>
        <translation>自上次反馈以来完成的工作</translation>
    </message>
    <message>
        <source>Required when the deadline has passed</source>
        <translation>超过完成时限时必填</translation>
    </message>
    <message>
        <source>Save progress</source>
        <translation>保存进度</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reason for delay</source>
        <translation>逾期原因</translation>
    </message>
    <message>
        <source>Verified at this meeting</source>
        <translation>在此会议上核查通过</translation>
    </message>
    <message>
        <source>Close meeting and draft minutes</source>
        <translation>结束会议并生成纪要稿</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审定</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>修正…</translation>
    </message>
    <message>
        <source>Export DOCX…</source>
        <translation>导出 DOCX…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Signed with the key {0}.</source>
        <translation>电子签名指纹：{0}。</translation>
    </message>
    <message>
        <source>Revision {0}, draft — not approved yet. Approving signs exactly the text below with its record: SHA-256 {1}.</source>
        <translation>第 {0} 版，讨论稿，尚未审定。审定时签署的正是下方文本及其会议记录：SHA-256 {1}。</translation>
    </message>
    <message>
        <source>Minutes approved, signed and sealed (SHA-256 {0}…).</source>
        <translation>纪要已审定、签名并封存（SHA-256 {0}…）。</translation>
    </message>
    <message>
        <source>The minutes of {0}</source>
        <translation>{0}的纪要</translation>
    </message>
    <message>
        <source>Changed meanwhile by {0}</source>
        <translation>期间由 {0} 改动</translation>
    </message>
    <message>
        <source>Show the newer draft</source>
        <translation>查看新的草稿</translation>
    </message>
    <message>
        <source>Nothing was approved: the draft changed after you opened it. You read the version on the left (SHA-256 {0}); the draft is now the one on the right (SHA-256 {1}). Read it, then approve again.</source>
        <translation>未作审定：您打开草稿后，草稿已被改动。您阅读的是左侧版本（SHA-256 {0}），现在的草稿是右侧版本（SHA-256 {1}）。请阅读后再审定。</translation>
    </message>
    <message>
        <source>All owner units</source>
        <translation>全部牵头单位</translation>
    </message>
    <message>
        <source>All meetings</source>
        <translation>全部会议</translation>
    </message>
    <message>
        <source>{0} resolutions, {1} open, {2} overdue, {3} ready to verify · as of {4}</source>
        <translation>议定事项 {0} 项，未办结 {1} 项，逾期 {2} 项，待核查 {3} 项 · 截至 {4}</translation>
    </message>
    <message>
        <source>No resolution has been recorded yet; the resolutions of a meeting are followed up here.</source>
        <translation>尚无决议；会议形成的决议在此督办。</translation>
    </message>
    <message>
        <source>Resolution {0}: choose one of its tasks to report progress.</source>
        <translation>第 {0} 项议定事项：请选择其下的任务反馈进度。</translation>
    </message>
    <message>
        <source> — overdue since {0}</source>
        <translation> — 已于 {0} 逾期</translation>
    </message>
    <message>
        <source>Task {0}: {1} ({2}, due {3}){4}</source>
        <translation>任务 {0}：{1}（{2}，{3} 前完成）{4}</translation>
    </message>
    <message>
        <source>Progress saved: {0}%, {1}.</source>
        <translation>进度已保存：{0}%，{1}。</translation>
    </message>
    <message>
        <source>The server cannot be reached: the progress update waits on this PC and is sent when the connection is back.</source>
        <translation>无法连接服务器：本次进度反馈暂存在本机，连接恢复后自动提交。</translation>
    </message>
    <message>
        <source>Progress of task {0}</source>
        <translation>任务 {0} 的进度</translation>
    </message>
    <message>
        <source>Your progress: {0} %</source>
        <translation>您的进度：{0}%</translation>
    </message>
    <message>
        <source>Progress saved meanwhile: {0} % ({1})</source>
        <translation>对方保存的进度：{0}%（{1}）</translation>
    </message>
    <message>
        <source>The texts below are the notes. “Keep mine” and “Save the merged text” save your progress, {0} %, over the newer version; “Take theirs” drops your update.</source>
        <translation>下方为反馈说明。“保留我的”和“保存合并后的文本”会以您的进度（{0}%）覆盖较新的版本；“采用对方的”则放弃您的这次反馈。</translation>
    </message>
    <message>
        <source>Your progress update was dropped; the version saved meanwhile is shown.</source>
        <translation>已放弃您的进度反馈，现显示对方保存的版本。</translation>
    </message>
    <message>
        <source>The resolution is verified and done.</source>
        <translation>该议定事项已核查办结。</translation>
    </message>
    <message>
        <source>No minutes yet: close the meeting to draft them.</source>
        <translation>尚无纪要：结束会议后生成纪要稿。</translation>
    </message>
    <message>
        <source>Revision {0}, approved by {1} on {2}. SHA-256 {3}…</source>
        <translation>第 {0} 版，{1} 于 {2} 审定。SHA-256 {3}…</translation>
    </message>
    <message>
        <source>Amended: {0}</source>
        <translation>修正原因：{0}</translation>
    </message>
    <message>
        <source>The meeting is closed; the minutes draft is ready.</source>
        <translation>会议已结束，纪要稿已生成。</translation>
    </message>
    <message>
        <source>Amendment saved as revision {0}; approve it to seal it.</source>
        <translation>修正已保存为第 {0} 版；审定后封存。</translation>
    </message>
    <message>
        <source>Export minutes</source>
        <translation>导出会议纪要</translation>
    </message>
    <message>
        <source>Wrote {0}.</source>
        <translation>已写入 {0}。</translation>
    </message>
    <message>
        <source>Export ledger</source>
        <translation>导出台账</translation>
    </message>
    <message>
        <source>Resolution {0}</source>
        <translation>第 {0} 项议定事项</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>作出决议的会议</translation>
    </message>
    <message>
        <source>Cases and agreement items</source>
        <translation>关联事件与协议事项</translation>
    </message>
    <message>
        <source>Verified at</source>
        <translation>核查会议</translation>
    </message>
    <message>
        <source>None linked.</source>
        <translation>未关联。</translation>
    </message>
    <message>
        <source>No progress reported yet.</source>
        <translation>尚无进度反馈。</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>尚未核查。</translation>
    </message>
</context>
<context>
    <name>RolesCli</name>
    <message>
        <source>Database roles exist only on PostgreSQL; on a SQLite file (one PC) the app checks roles itself.</source>
        <translation>数据库角色只在 PostgreSQL 上存在；使用 SQLite 文件（单机）时由程序自行检查角色。</translation>
    </message>
    <message>
        <source>“{0}” cannot be a login name; use lower-case letters, digits and _ only.</source>
        <translation>“{0}”不能作为登录名；只能使用小写字母、数字和下划线。</translation>
    </message>
    <message>
        <source>The login “{0}” already exists on this server.</source>
        <translation>登录名“{0}”在此服务器上已存在。</translation>
    </message>
    <message>
        <source>The StreetBoard roles do not exist yet; run “streetboard db init-roles --db …” first.</source>
        <translation>StreetBoard 角色尚未创建；请先运行“streetboard db init-roles --db …”。</translation>
    </message>
    <message>
        <source>A member needs an existing unit: give --unit with the unit&apos;s id ({0}).</source>
        <translation>委员账号需要对应一个已有单位：请用 --unit 指定单位编号（{0}）。</translation>
    </message>
    <message>
        <source>The login {0} lacks the CREATEROLE privilege that creating roles and logins needs, so nothing was changed; grant it with ALTER ROLE {0} CREATEROLE or run this as a superuser.</source>
        <translation>登录名 {0} 没有创建角色和登录名所需的 CREATEROLE 权限，因此未做任何更改；请用 ALTER ROLE {0} CREATEROLE 授予该权限，或以超级用户身份运行。</translation>
    </message>
    <message>
        <source>The login {0} does not own this database and its tables, so nothing was changed; run this as the owner that ran “streetboard db upgrade”, or as a superuser.</source>
        <translation>登录名 {0} 不是此数据库及其数据表的所有者，因此未做任何更改；请以运行过“streetboard db upgrade”的所有者或超级用户身份运行。</translation>
    </message>
    <message>
        <source>The roles could not be set up: {0}</source>
        <translation>无法设置角色：{0}</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again: </source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Roles ready in {0}: {1}, {2}, {3}.</source>
        <translation>已在 {0} 中设置好角色：{1}、{2}、{3}。</translation>
    </message>
    <message>
        <source>The passwords were empty or did not match; nothing was changed.</source>
        <translation>密码为空或两次输入不一致；未做任何更改。</translation>
    </message>
    <message>
        <source>Added the login {0} as {1}.</source>
        <translation>已添加登录名 {0}，角色为 {1}。</translation>
    </message>
    <message>
        <source>To approve minutes, {0} registers a signing key once on their own PC: streetboard keys add --user {0} --db …</source>
        <translation>审定纪要前，{0} 需在自己的电脑上登记一次签名密钥：streetboard keys add --user {0} --db …</translation>
    </message>
    <message>
        <source>The server refused: {0} Connect as the database&apos;s owner or an administrator.</source>
        <translation>服务器拒绝：{0} 请以数据库所有者或管理员身份连接。</translation>
    </message>
</context>
<context>
    <name>RoomActions</name>
    <message>
        <source>Members not signed in ({0}): {1}</source>
        <translation>未签到成员（{0}名）：{1}</translation>
    </message>
    <message>
        <source>The resolution box holds text not recorded.</source>
        <translation>决议框中有尚未记录的文字。</translation>
    </message>
    <message>
        <source>The sign-in form holds a name not signed in: {0}</source>
        <translation>签到表单中有尚未签到的姓名：{0}</translation>
    </message>
    <message>
        <source>Items without minutes ({0}): {1}</source>
        <translation>没有纪要的议题（{0}个）：{1}</translation>
    </message>
    <message>
        <source>Close the meeting? Its record can be corrected only by reopening it before approval.</source>
        <translation>结束会议吗？结束后只能在纪要审定前重新开启会议来更正记录。</translation>
    </message>
    <message>
        <source>Still unfinished:
{0}

Close the meeting anyway?</source>
        <translation>以下事项尚未完成：
{0}

仍要结束会议吗？</translation>
    </message>
    <message>
        <source>Close meeting</source>
        <translation>结束会议</translation>
    </message>
    <message>
        <source>Reopen meeting</source>
        <translation>重新开启会议</translation>
    </message>
    <message>
        <source>Why is the closed meeting reopened? (kept in the audit trail)</source>
        <translation>重新开启已结束会议的理由（记入操作日志）：</translation>
    </message>
    <message>
        <source>The meeting is open again; close it when the record is corrected.</source>
        <translation>会议已重新开启；记录更正后请再次结束会议。</translation>
    </message>
    <message>
        <source>Item {0}: marked 无记录.</source>
        <translation>议题{0}：已标记为无记录。</translation>
    </message>
    <message>
        <source>Item {0}: the 无记录 mark is removed.</source>
        <translation>议题{0}：已取消无记录标记。</translation>
    </message>
    <message>
        <source>Add an item</source>
        <translation>增加议题</translation>
    </message>
    <message>
        <source>Title of the item raised during the meeting:</source>
        <translation>会上提出的议题名称：</translation>
    </message>
    <message>
        <source>Item {0} added: {1}</source>
        <translation>已增加议题{0}：{1}</translation>
    </message>
    <message>
        <source>This item has no linked cases.</source>
        <translation>本议题没有关联事件。</translation>
    </message>
    <message>
        <source>Public title</source>
        <translation>公开标题</translation>
    </message>
    <message>
        <source>Case {0} ({1}) on the projector as:</source>
        <translation>事件{0}（{1}）在投影上显示为：</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Name</source>
        <extracomment>the theme&apos;s good/bad colours (resources/themes/light.qss) for the quorum line and the item timer</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>代为出席</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>签到时间</translation>
    </message>
</context>
<context>
    <name>Scorecard</name>
    <message>
        <source>Handling unit</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理件数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结件数</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>按期办结率</translation>
    </message>
    <message>
        <source>Median handling days</source>
        <translation>办理天数中位数</translation>
    </message>
    <message>
        <source>Returns / rework</source>
        <translation>退回/返工</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>延期次数</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意率</translation>
    </message>
    <message>
        <source>Received: cases reported in the period; the other figures: cases closed in it. Handling days run from report to close.</source>
        <translation>受理件数按上报时间统计，其余指标按结案时间统计；办理天数自上报起至结案止。</translation>
    </message>
    <message>
        <source>Export scorecard to Excel…</source>
        <translation>导出考评表…</translation>
    </message>
</context>
<context>
    <name>ServerCli</name>
    <message>
        <source>Again: </source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>This administrator login lacks {0}, so nothing was created; connect as the server&apos;s superuser (postgres) or grant it with ALTER ROLE … {0}.</source>
        <translation>该管理员账号缺少 {0} 权限，因此没有创建任何内容；请以服务器的超级用户（postgres）连接，或用 ALTER ROLE … {0} 授予该权限。</translation>
    </message>
    <message>
        <source>The login {0} must be created and needs a password; nothing more was done.</source>
        <translation>需要新建账号 {0}，但没有给出密码；其余步骤未执行。</translation>
    </message>
    <message>
        <source>“{0}” cannot be a database or login name; use lower-case letters, digits and _ only.</source>
        <translation>“{0}”不能用作数据库名或账号名；只能使用小写字母、数字和下划线。</translation>
    </message>
    <message>
        <source>The server set-up works only with PostgreSQL.</source>
        <translation>服务器设置只适用于 PostgreSQL。</translation>
    </message>
    <message>
        <source>the owner</source>
        <translation>所有者账号</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>the schema</source>
        <translation>数据库结构</translation>
    </message>
    <message>
        <source>the roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>the secretary&apos;s login</source>
        <translation>书记账号</translation>
    </message>
    <message>
        <source>Password for the owner {0} (if it is new): </source>
        <translation>所有者 {0} 的密码（新建时需要）：</translation>
    </message>
    <message>
        <source>Password for the secretary {0} (if it is new): </source>
        <translation>书记 {0} 的密码（新建时需要）：</translation>
    </message>
    <message>
        <source>The server refused: {0}</source>
        <translation>服务器拒绝了操作：{0}</translation>
    </message>
    <message>
        <source>The office database {0} is ready: owner {1}, secretary {2}. Created now: {3}; already there: {4}. Each PC opens postgresql://LOGIN@SERVER/{0}.</source>
        <translation>办公室数据库 {0} 已就绪：所有者 {1}，书记 {2}。本次新建：{3}；原已存在：{4}。各台电脑打开 postgresql://账号@服务器/{0} 即可。</translation>
    </message>
</context>
<context>
    <name>SetupCli</name>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}，请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Wrote {0}: fill in its sheets, then run streetboard setup import {0}.</source>
        <translation>已写入 {0}：填好各表后运行 streetboard setup import {0}。</translation>
    </message>
    <message>
        <source>{0} rows were rejected, so nothing was written. Fix them in the workbook and import it again:</source>
        <translation>有 {0} 行不合格，因此没有写入任何内容。请在工作簿中改正后重新导入：</translation>
    </message>
    <message>
        <source>  … and {0} more.</source>
        <translation>  …… 另有 {0} 行。</translation>
    </message>
    <message>
        <source>{0}: {1} new, {2} changed, {3} unchanged.</source>
        <translation>{0}：新增 {1}，修改 {2}，未变 {3}。</translation>
    </message>
    <message>
        <source>Nothing changed: the database already holds this workbook.</source>
        <translation>没有任何改动：数据库中已是这份工作簿的内容。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>StreetBoard — set up the street</source>
        <translation>StreetBoard — 设置街道</translation>
    </message>
    <message>
        <source>Read {0}: {1}.</source>
        <translation>已读取 {0}：{1}。</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>Nothing was written: {0}</source>
        <translation>未写入任何内容：{0}</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>Street and committee term</source>
        <translation>街道和大工委届次</translation>
    </message>
    <message>
        <source>Read this sheet from a workbook…</source>
        <translation>从工作簿读取本表…</translation>
    </message>
    <message>
        <source>Set-up workbook</source>
        <translation>设置工作簿</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The workbook has no rows on the sheet {0}.</source>
        <translation>工作簿的“{0}”表中没有数据行。</translation>
    </message>
    <message>
        <source>{0} rows read from {1}.</source>
        <translation>已从 {1} 读取 {0} 行。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StreetPage</name>
    <message>
        <source>Street</source>
        <translation>基础信息</translation>
    </message>
    <message>
        <source>Street and term</source>
        <translation>街道和届次</translation>
    </message>
    <message>
        <source>Save this tab</source>
        <translation>保存本表</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Member leaves…</source>
        <translation>成员离任…</translation>
    </message>
    <message>
        <source>Start a new term…</source>
        <translation>开始新一届…</translation>
    </message>
    <message>
        <source>Remove the selected grid worker</source>
        <translation>删除选中的网格员</translation>
    </message>
    <message>
        <source>Set-up assistant…</source>
        <translation>设置向导…</translation>
    </message>
    <message>
        <source>Left on {0}</source>
        <translation>{0}离任</translation>
    </message>
    <message>
        <source>{0} (left)</source>
        <translation>{0}（已离任）</translation>
    </message>
    <message>
        <source>The street has not been set up yet: use the set-up assistant, or fill in the first tab and save it.</source>
        <translation>街道尚未设置：请使用设置向导，或填写第一张表并保存。</translation>
    </message>
    <message>
        <source>No committee term yet: fill in the term on the first tab and save it.</source>
        <translation>还没有大工委届次：请在第一张表中填写届次并保存。</translation>
    </message>
    <message>
        <source>Current committee term: term {0}, since {1}. Grid codes: street code + community number + grid number.</source>
        <translation>本届大工委：第{0}届，自{1}起。网格编码 = 街道代码 + 社区编号 + 网格编号。</translation>
    </message>
    <message numerus="yes">
        <source>%n saved record(s) stay: change them in place; a member who leaves is marked with “Member leaves”.</source>
        <translation>
            <numerusform>%n 条已保存的记录不会在这里删除：请直接修改；成员离任请用“成员离任”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved: {0} records changed.</source>
        <translation>已保存：改动了 {0} 条记录。</translation>
    </message>
    <message>
        <source>Nothing was saved; correct these rows: {0}</source>
        <translation>未保存任何内容，请改正这些行：{0}</translation>
    </message>
    <message>
        <source>Select the member who leaves first.</source>
        <translation>请先选中离任的成员。</translation>
    </message>
    <message>
        <source>Save the new member first.</source>
        <translation>请先保存这位新成员。</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
    <message>
        <source>Term {0} starts on {1}.</source>
        <translation>第{0}届自{1}起。</translation>
    </message>
</context>
<context>
    <name>StreetTexts</name>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Committee term</source>
        <translation>大工委届次</translation>
    </message>
    <message>
        <source>Committee members</source>
        <translation>大工委成员</translation>
    </message>
    <message>
        <source>Handling units</source>
        <translation>处置部门</translation>
    </message>
    <message>
        <source>Municipal departments</source>
        <translation>市直部门</translation>
    </message>
    <message>
        <source>Case categories</source>
        <translation>事件分类</translation>
    </message>
    <message>
        <source>App users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>is required but blank</source>
        <translation>必填，但为空</translation>
    </message>
    <message>
        <source>is longer than {0} characters</source>
        <translation>超过 {0} 个字</translation>
    </message>
    <message>
        <source>is outside the allowed range {0}</source>
        <translation>超出允许范围 {0}</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>is not a date</source>
        <translation>不是日期</translation>
    </message>
    <message>
        <source>is not yes (是) or no (否)</source>
        <translation>不是“是”或“否”</translation>
    </message>
    <message>
        <source>is not one of the words of the drop-down list</source>
        <translation>不是下拉列表中的选项</translation>
    </message>
    <message>
        <source>the workbook has no sheet named {0}</source>
        <translation>工作簿中没有名为“{0}”的表</translation>
    </message>
    <message>
        <source>the sheet lacks the columns {0}; copy them from the template (streetboard setup template)</source>
        <translation>该表缺少这些列：{0}；请从模板（streetboard setup template）复制表头</translation>
    </message>
    <message>
        <source>this database already holds the street {0}; one database describes one street</source>
        <translation>数据库中已有街道“{0}”；一个数据库只记录一个街道</translation>
    </message>
    <message>
        <source>the street sheet holds one street; this row is a second one</source>
        <translation>街道表只填一个街道；这一行是第二个</translation>
    </message>
    <message>
        <source>is not a 9-digit administrative code of a street (6-digit district code + 3-digit street code)</source>
        <translation>不是9位街道行政区划代码（6位区县代码 + 3位街道代码）</translation>
    </message>
    <message>
        <source>there is no street yet: fill in the street first</source>
        <translation>还没有街道：请先填写街道</translation>
    </message>
    <message>
        <source>the same value is already in row {0}</source>
        <translation>与第 {0} 行重复</translation>
    </message>
    <message>
        <source>is already used by {0}</source>
        <translation>已被“{0}”使用</translation>
    </message>
    <message>
        <source>is not a community of the street</source>
        <translation>不是本街道的社区</translation>
    </message>
    <message>
        <source>is not a grid code or grid name of the street</source>
        <translation>不是本街道的网格编码或网格名称</translation>
    </message>
    <message>
        <source>several grids have this name; give the grid code</source>
        <translation>有多个网格叫这个名称，请填写网格编码</translation>
    </message>
    <message>
        <source>does not follow the scheme street code + community number + grid number; it should be {0}</source>
        <translation>不符合“街道代码 + 社区编号 + 网格编号”的编码规则，应为 {0}</translation>
    </message>
    <message>
        <source>there is no committee term: fill in the term first</source>
        <translation>还没有大工委届次：请先填写届次</translation>
    </message>
    <message>
        <source>the term ends before it starts</source>
        <translation>本届结束日期早于开始日期</translation>
    </message>
    <message>
        <source>Sheet {0}, row {1}, {2} {3}: {4}</source>
        <translation>“{0}”表第{1}行 {2} {3}：{4}</translation>
    </message>
    <message>
        <source>The file {0} does not exist.</source>
        <translation>文件 {0} 不存在。</translation>
    </message>
    <message>
        <source>{0} is not an Excel workbook (.xlsx); save the set-up workbook as .xlsx and read it again.</source>
        <translation>{0} 不是 Excel 工作簿（.xlsx）；请把设置工作簿另存为 .xlsx 后再读取。</translation>
    </message>
    <message>
        <source>{0} cannot be read as a workbook (it may be empty, damaged or password-protected).</source>
        <translation>{0} 无法作为工作簿读取（可能为空、已损坏或设有密码）。</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Check and write</source>
        <translation>检查并写入</translation>
    </message>
    <message>
        <source>Everything is checked again when you finish; nothing is written while a row is wrong.</source>
        <translation>点“完成”时会再检查一遍；只要有一行不合格就不写入任何内容。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>{0} rows need correcting before anything can be written (go Back to fix them):</source>
        <translation>有 {0} 行需要改正后才能写入（点“上一步”回去修改）：</translation>
    </message>
    <message>
        <source>This will be written, in one go:</source>
        <translation>将一次写入以下内容：</translation>
    </message>
    <message>
        <source>{0}: {1} new, {2} already there</source>
        <translation>{0}：新增 {1}，已有 {2}</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation> 等，另有 {0} 条</translation>
    </message>
</context>
<context>
    <name>TilesPage</name>
    <message>
        <source>Figures as of {0}</source>
        <extracomment>a write touched what the page shows while it was hidden: it refreshes when shown</extracomment>
        <translation>数据截至 {0}</translation>
    </message>
</context>
<context>
    <name>UnitTexts</name>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Police station</source>
        <translation>公安派出所</translation>
    </message>
    <message>
        <source>State-owned firm</source>
        <translation>国有企业</translation>
    </message>
    <message>
        <source>Private company</source>
        <translation>非公企业</translation>
    </message>
    <message>
        <source>Property management</source>
        <translation>物业服务企业</translation>
    </message>
    <message>
        <source>Stationed agency</source>
        <translation>驻区机关事业单位</translation>
    </message>
    <message>
        <source>City-level unit</source>
        <translation>市直单位</translation>
    </message>
    <message>
        <source>Social organisation</source>
        <translation>社会组织</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Observer</source>
        <translation>列席</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未签到</translation>
    </message>
    <message>
        <source>Awaiting a project</source>
        <translation>待立项</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>已对接</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>已满足</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>On offer</source>
        <translation>可提供</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Awaiting a claim</source>
        <translation>待认领</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>已认领</translation>
    </message>
    <message>
        <source>Under way</source>
        <translation>推进中</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草拟</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签订</translation>
    </message>
    <message>
        <source>Link (联)</source>
        <translation>联</translation>
    </message>
    <message>
        <source>Fix (定)</source>
        <translation>定</translation>
    </message>
    <message>
        <source>Meetings attended</source>
        <translation>参会次数</translation>
    </message>
    <message>
        <source>Topics proposed</source>
        <translation>提出议题</translation>
    </message>
    <message>
        <source>Projects claimed</source>
        <translation>认领项目</translation>
    </message>
    <message>
        <source>Projects delivered</source>
        <translation>交付项目</translation>
    </message>
    <message>
        <source>Resources offered</source>
        <translation>提供资源</translation>
    </message>
    <message>
        <source>Resource uses</source>
        <translation>资源被使用</translation>
    </message>
    <message>
        <source>Service hours</source>
        <translation>服务时长</translation>
    </message>
    <message>
        <source>Overdue resolutions</source>
        <translation>逾期决议</translation>
    </message>
    <message>
        <source>Month {0}</source>
        <translation>{0}月</translation>
    </message>
    <message>
        <source>There is no unit “{0}” in the roster; choose one from the roster or add it first.</source>
        <translation>单位名录中没有“{0}”，请从名录中选择，或先添加该单位。</translation>
    </message>
    <message>
        <source>There is no community “{0}” in this street; check the name against the street&apos;s communities.</source>
        <translation>本街道没有“{0}”这个社区，请对照街道的社区名称核对。</translation>
    </message>
    <message>
        <source>“{0}” is not a city-level unit; only city-level units are paired with communities.</source>
        <translation>“{0}”不是市直单位，只有市直单位与社区结对。</translation>
    </message>
    <message>
        <source>{0} has already claimed “{1}”.</source>
        <translation>{0}已认领“{1}”。</translation>
    </message>
    <message>
        <source>This claim has already been reported as delivered.</source>
        <translation>这项认领已报告交付。</translation>
    </message>
    <message>
        <source>“{0}” is delivered or cancelled; it can no longer be claimed.</source>
        <translation>“{0}”已交付或已取消，不能再认领。</translation>
    </message>
    <message>
        <source>The date {1} is before {0}; check the dates.</source>
        <translation>日期 {1} 早于 {0}，请核对日期。</translation>
    </message>
    <message>
        <source>The weight of “{0}” is “{1}”, which is not a number; write a number such as 2, 0.5 or -5.</source>
        <translation>“{0}”的权重“{1}”不是数字，请填写 2、0.5 或 -5 这样的数字。</translation>
    </message>
    <message>
        <source>The weights of {0} are locked because that year&apos;s scores are history; set this year&apos;s weights instead.</source>
        <translation>{0} 年的权重已锁定，该年得分已成定局；请修改今年的权重。</translation>
    </message>
    <message>
        <source>Progress must be a whole number from 0 to 100 %; “{0}” is not.</source>
        <translation>进度须为 0 到 100 之间的整数（%），“{0}”不符合。</translation>
    </message>
    <message>
        <source>The due date {0} is before the agreement year {1}; an item falls due in its agreement&apos;s year or later.</source>
        <translation>完成时限 {0} 早于协议年度 {1} 年；事项的完成时限应在协议当年或以后。</translation>
    </message>
    <message>
        <source>{0} is not a year this board accepts.</source>
        <translation>{0} 不是有效的年份。</translation>
    </message>
    <message>
        <source>The name or title cannot be empty; write one.</source>
        <translation>名称或标题不能为空，请填写。</translation>
    </message>
    <message>
        <source>That record already exists; edit the existing one instead.</source>
        <translation>该记录已存在，请修改已有记录。</translation>
    </message>
    <message>
        <source>The position must be a number from 1 to 20.</source>
        <translation>序号须为 1 到 20 之间的数字。</translation>
    </message>
    <message>
        <source>There is no label “{0}”; add it in the label editor first.</source>
        <translation>没有“{0}”这个名称，请先在名称设置中添加。</translation>
    </message>
    <message>
        <source>That record is no longer in the database; refresh the page and try again.</source>
        <translation>该记录已不在数据库中，请刷新页面后重试。</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Resident units</source>
        <translation>驻区单位</translation>
    </message>
    <message>
        <source>Show matching view</source>
        <extracomment>what &quot;now&quot; is for the figures (tests pin it)</extracomment>
        <translation>查看匹配情况</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>单位名录</translation>
    </message>
    <message>
        <source>Three lists</source>
        <translation>三张清单</translation>
    </message>
    <message>
        <source>Participation scorecard</source>
        <translation>参与评分</translation>
    </message>
    <message>
        <source>Search name, party organisation, contact, address</source>
        <translation>搜索名称、党组织、联系人、地址</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Members and others</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Member units this term</source>
        <translation>本届成员单位</translation>
    </message>
    <message>
        <source>Not member units</source>
        <translation>非成员单位</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>Import units…</source>
        <translation>导入驻区单位…</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Member unit</source>
        <translation>成员单位</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Liaison</source>
        <translation>联络员</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Meetings attended</source>
        <translation>参会次数</translation>
    </message>
    <message>
        <source>Topics proposed</source>
        <translation>提出议题</translation>
    </message>
    <message>
        <source>Resolutions it owns</source>
        <translation>牵头决议</translation>
    </message>
    <message>
        <source>On-time rate of its resolutions</source>
        <translation>决议按期完成率</translation>
    </message>
    <message>
        <source>Projects claimed / delivered</source>
        <translation>认领 / 交付项目</translation>
    </message>
    <message>
        <source>Resources offered / used</source>
        <translation>提供 / 被使用资源</translation>
    </message>
    <message>
        <source>Dual reporting (双报到) to</source>
        <translation>双报到社区</translation>
    </message>
    <message>
        <source>Serving party members</source>
        <translation>在职党员</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>在职党员</translation>
    </message>
    <message>
        <source>Registered with</source>
        <translation>报到社区</translation>
    </message>
    <message>
        <source>Service hours</source>
        <translation>服务时长</translation>
    </message>
    <message>
        <source>Paired community</source>
        <translation>结对社区</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始年</translation>
    </message>
    <message>
        <source>Items this year</source>
        <translation>本年事项</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>四联四定 pairings</source>
        <translation>四联四定结对</translation>
    </message>
    <message>
        <source>Recent meetings</source>
        <translation>最近会议</translation>
    </message>
    <message>
        <source>Its serving party members and their service hours</source>
        <translation>在职党员及服务时长</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>提出方</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>项目清单</translation>
    </message>
    <message>
        <source>What residents need</source>
        <translation>群众需要什么</translation>
    </message>
    <message>
        <source>Record need</source>
        <translation>登记需求</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>需求清单</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Offered by</source>
        <translation>提供单位</translation>
    </message>
    <message>
        <source>Offered on</source>
        <translation>提供日期</translation>
    </message>
    <message>
        <source>Times used</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>What the unit offers</source>
        <translation>单位能提供什么</translation>
    </message>
    <message>
        <source>Record resource</source>
        <translation>登记资源</translation>
    </message>
    <message>
        <source>Record use of the selected resource</source>
        <translation>登记所选资源的使用</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>用于</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>资源清单</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>认领单位</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>尚无单位认领</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Project title</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <source>Publish project</source>
        <translation>发布项目</translation>
    </message>
    <message>
        <source>Claim the selected project</source>
        <translation>认领所选项目</translation>
    </message>
    <message>
        <source>Claimed on</source>
        <translation>认领日期</translation>
    </message>
    <message>
        <source>Delivered on</source>
        <translation>交付日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Delivery note (evidence)</source>
        <translation>交付说明（佐证材料）</translation>
    </message>
    <message>
        <source>Report delivery of the selected claim</source>
        <translation>报告所选认领已交付</translation>
    </message>
    <message>
        <source>Claim by</source>
        <translation>认领单位</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>供需匹配</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Export as picture…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Heatmap of</source>
        <translation>热力图指标</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员单位</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Scoring weights (points per unit of each measure; the secretary sets them)</source>
        <translation>评分权重（每项指标每计一次的分值，由书记设定）</translation>
    </message>
    <message>
        <source>Save this year&apos;s weights</source>
        <translation>保存今年的权重</translation>
    </message>
    <message>
        <source>Dual reporting</source>
        <translation>双报到</translation>
    </message>
    <message>
        <source>As of {0}</source>
        <translation>截至 {0}</translation>
    </message>
    <message>
        <source>(no community)</source>
        <translation>（不限社区）</translation>
    </message>
    <message>
        <source>No committee meeting with a sign-in record has been held yet.</source>
        <translation>尚无有签到记录的大工委会议。</translation>
    </message>
    <message numerus="yes">
        <source>Every member unit came to at least one of the last %n meeting(s).</source>
        <translation>
            <numerusform>所有成员单位在最近 %n 次会议中至少到会一次。</numerusform>
        </translation>
    </message>
    <message>
        <source> (liaison {0} {1})</source>
        <translation>（联络员 {0} {1}）</translation>
    </message>
    <message numerus="yes">
        <source>Member units that came to none of the last %n meeting(s): </source>
        <translation>
            <numerusform>最近 %n 次会议均未到会的成员单位：</numerusform>
        </translation>
    </message>
    <message>
        <source>No project has been entered yet; add one on the lists tab.</source>
        <translation>尚未录入项目；请在“三张清单”中添加。</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s) nobody has claimed: </source>
        <translation>
            <numerusform>无人认领的项目 %n 个：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>共 %n 家</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Needs no project answers (%n)</source>
        <translation>
            <numerusform>无项目对应的需求（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resources never used (%n)</source>
        <translation>
            <numerusform>从未使用的资源（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Projects nobody claimed (%n)</source>
        <translation>
            <numerusform>无人认领的项目（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Import dual reporting</source>
        <translation>导入双报到名单</translation>
    </message>
    <message>
        <source>Every project has been claimed.</source>
        <translation>所有项目均已有单位认领。</translation>
    </message>
    <message>
        <source>No unit selected</source>
        <translation>未选择单位</translation>
    </message>
    <message>
        <source> · member unit this term</source>
        <translation> · 本届成员单位</translation>
    </message>
    <message>
        <source>Party organisation: {0}</source>
        <translation>党组织：{0}</translation>
    </message>
    <message>
        <source>Community: {0}</source>
        <translation>所在社区：{0}</translation>
    </message>
    <message>
        <source>Liaison: {0} {1}</source>
        <translation>联络员：{0} {1}</translation>
    </message>
    <message>
        <source>Contact: {0} {1}</source>
        <translation>联系人：{0} {1}</translation>
    </message>
    <message>
        <source>{0} of {1} meetings ({2})</source>
        <translation>{1} 次会议到会 {0} 次（{2}）</translation>
    </message>
    <message>
        <source>{0}, of which {1} accepted</source>
        <translation>{0} 个，采纳 {1} 个</translation>
    </message>
    <message>
        <source>{0}, {1} done, {2} open past the deadline</source>
        <translation>{0} 项，已完成 {1} 项，逾期未办 {2} 项</translation>
    </message>
    <message>
        <source>{0} ({1} of {2} due)</source>
        <translation>{0}（到期 {2} 项，按期 {1} 项）</translation>
    </message>
    <message>
        <source>{0} / {1} (used {2} times)</source>
        <translation>{0} / {1}（共使用 {2} 次）</translation>
    </message>
    <message>
        <source>{0} people, {1} service hours</source>
        <translation>{0} 人，服务 {1} 小时</translation>
    </message>
    <message>
        <source>(answers no listed need)</source>
        <translation>（不对应清单中的需求）</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>（不关联项目）</translation>
    </message>
    <message>
        <source>Scored with the weights in force from {0}</source>
        <translation>按 {0} 年起施行的权重计分</translation>
    </message>
    <message>
        <source>No scoring scheme is in force for this year</source>
        <translation>本年度没有施行的评分方案</translation>
    </message>
    <message>
        <source>{0} by month (columns 1–12), {1}</source>
        <translation>{1} 年各月{0}（列为 1–12 月）</translation>
    </message>
    <message>
        <source>These weights are in force from {0}; changing them re-scores {0} only — earlier years keep the weights they were scored with.</source>
        <translation>以下权重自 {0} 年起施行；修改只影响 {0} 年得分，往年仍按当年的权重计分。</translation>
    </message>
    <message>
        <source>Saving starts a new set of weights in force from {0}; earlier years keep the weights they were scored with.</source>
        <translation>保存后将建立自 {0} 年起施行的新权重；往年仍按当年的权重计分。</translation>
    </message>
    <message>
        <source>The need is on the list.</source>
        <translation>需求已登记。</translation>
    </message>
    <message>
        <source>The resource is on the list.</source>
        <translation>资源已登记。</translation>
    </message>
    <message>
        <source>Select a resource in the table first.</source>
        <translation>请先在表中选择一项资源。</translation>
    </message>
    <message>
        <source>The use of the resource is recorded.</source>
        <translation>资源使用已登记。</translation>
    </message>
    <message>
        <source>The project is published for units to claim.</source>
        <translation>项目已发布，供单位认领。</translation>
    </message>
    <message>
        <source>Select a project in the table first.</source>
        <translation>请先在表中选择一个项目。</translation>
    </message>
    <message>
        <source>The claim is recorded.</source>
        <translation>认领已登记。</translation>
    </message>
    <message>
        <source>Select a claim of the project first.</source>
        <translation>请先选择该项目的一项认领。</translation>
    </message>
    <message>
        <source>The delivery is recorded.</source>
        <translation>交付已登记。</translation>
    </message>
    <message>
        <source>The weights are saved; {0} is re-scored.</source>
        <translation>权重已保存，{0} 年得分已重新计算。</translation>
    </message>
    <message>
        <source>Import units</source>
        <translation>导入驻区单位</translation>
    </message>
    <message>
        <source>Export the scorecard</source>
        <translation>导出参与评分</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Ranking {0}</source>
        <translation>{0}年排名</translation>
    </message>
    <message>
        <source>Cannot write {0}; choose a folder you can write to.</source>
        <translation>无法写入 {0}，请选择有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Wrote {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
</context>
<context>
    <name>VoteBox</name>
    <message>
        <source>Unanimous (一致同意)</source>
        <translation>一致同意</translation>
    </message>
    <message>
        <source>For</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>反对</translation>
    </message>
    <message>
        <source>Abstain</source>
        <translation>弃权</translation>
    </message>
</context>
</TS>
