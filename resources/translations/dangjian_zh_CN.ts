<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>programming language and runtime</source>
        <translation>编程语言和运行环境</translation>
    </message>
    <message>
        <source>windows, printing, PDF preview</source>
        <translation>窗口、打印、PDF 预览</translation>
    </message>
    <message>
        <source>Qt for Python (with shiboken6 and PySide6-Addons)</source>
        <translation>Qt 的 Python 接口（含 shiboken6 和 PySide6-Addons）</translation>
    </message>
    <message>
        <source>the database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>database migrations</source>
        <translation>数据库升级</translation>
    </message>
    <message>
        <source>PDF forms</source>
        <translation>PDF 表格</translation>
    </message>
    <message>
        <source>Excel files (with et_xmlfile, MIT)</source>
        <translation>Excel 文件（含 et_xmlfile，MIT）</translation>
    </message>
    <message>
        <source>signing and encrypting data packages (libsodium, ISC)</source>
        <translation>数据包的签名和加密（libsodium，ISC）</translation>
    </message>
    <message>
        <source>reading data packages quickly</source>
        <translation>快速读取数据包</translation>
    </message>
    <message>
        <source>calling libsodium</source>
        <translation>调用 libsodium</translation>
    </message>
    <message>
        <source>sorting and searching names by pinyin</source>
        <translation>按拼音排序和查找姓名</translation>
    </message>
    <message>
        <source>where data is kept</source>
        <translation>确定数据存放位置</translation>
    </message>
    <message>
        <source>names for the demo village</source>
        <translation>示范村的姓名</translation>
    </message>
    <message>
        <source>the Chinese font of the window and the PDF forms</source>
        <translation>界面和 PDF 表格的中文字体</translation>
    </message>
    <message>
        <source>the program's launcher (Windows and Linux builds)</source>
        <translation>程序的启动器（Windows 和 Linux 打包版）</translation>
    </message>
    <message>
        <source>About {0}</source>
        <translation>关于{0}</translation>
    </message>
    <message>
        <source>Offline records for village Party branches and the district office. It uses the open-source components below, each under its own licence. Qt and PySide6 are used under the GNU LGPL version 3: their libraries are separate files in the program folder and may be replaced with other builds; their source code is published by the Qt Project.</source>
        <translation>村党支部台账与区级汇总的离线软件。本软件使用了下列开源组件，各自遵循其许可证。Qt 和 PySide6 按 GNU LGPL 第 3 版使用：它们的库是程序文件夹中的独立文件，可以换成其他版本；其源代码由 Qt 项目公开发布。</translation>
    </message>
    <message>
        <source>Components and licences</source>
        <translation>组件与许可证</translation>
    </message>
    <message>
        <source>Font licence</source>
        <translation>字体许可证</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Used for</source>
        <translation>用途</translation>
    </message>
</context>
<context>
    <name>AccountsBox</name>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账户…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Set a new password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Create the first account…</source>
        <translation>建立第一个账户…</translation>
    </message>
    <message>
        <source>Lock the program after</source>
        <translation>无人使用</translation>
    </message>
    <message>
        <source>minutes without use</source>
        <translation>分钟后自动锁定</translation>
    </message>
    <message>
        <source>No accounts yet: anyone at this computer can read and change everything. Create the first account (the {0}); the program then asks for a password at start and after {1} minutes without use.</source>
        <translation>还没有账户：谁坐在这台电脑前都能查看和修改全部内容。请建立第一个账户（{0}）；此后程序启动时和 {1} 分钟无人使用后都要输入密码。</translation>
    </message>
    <message>
        <source>Logged in as {0} ({1}).</source>
        <translation>当前账户：{0}（{1}）。</translation>
    </message>
    <message>
        <source>Not logged in (command line or tests).</source>
        <translation>未登录（命令行或测试）。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>{0} ({1} only)</source>
        <translation>{0}（仅{1}）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未登录</translation>
    </message>
    <message>
        <source>Choose an account in the list first</source>
        <translation>请先在列表中选择一个账户</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
</context>
<context>
    <name>AssessmentForm</name>
    <message>
        <source>Veto items: tick any that happened this year (no star is then awarded)</source>
        <translation>一票否决项：本年度发生了哪项就勾选哪项（勾选后不评星）</translation>
    </message>
    <message>
        <source>{0}: {1} of {2} points</source>
        <translation>{0}：得 {1} 分（满分 {2} 分）</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Name</source>
        <extracomment>a row or several changed (the dialog recomputes 应到/实到, quorum and the points preview) a row was set to 不计入应到 without a reason: the view opens the reason editor</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Post or status</source>
        <translation>职务 / 身份</translation>
    </message>
    <message>
        <source>no vote</source>
        <translation>无表决权</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>原因或说明</translation>
    </message>
</context>
<context>
    <name>AttendancePanel</name>
    <message>
        <source>Committee members only</source>
        <translation>只看支委会成员</translation>
    </message>
    <message>
        <source>Find a name (pinyin initials work: zs)</source>
        <translation>查找姓名（可用拼音首字母，如 zs）</translation>
    </message>
    <message>
        <source>Everyone shown is present</source>
        <translation>下面的人全部出席</translation>
    </message>
    <message>
        <source>Marks everyone in the list below who has no mark yet as present; marks you already made stay.</source>
        <translation>把下面名单中还没勾选的人都设为出席；已经勾选的（如请假、缺席）保持不变。</translation>
    </message>
    <message>
        <source>Clear marks</source>
        <translation>清除勾选</translation>
    </message>
    <message>
        <source>Takes the people shown off this meeting's list (people already saved with the meeting stay on it).</source>
        <translation>把下面显示的人从这次会议名单中去掉（已经保存过的人员仍保留）。</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部党支部</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部党小组</translation>
    </message>
    <message>
        <source>Expected &lt;b&gt;{0}&lt;/b&gt; · present &lt;b&gt;{1}&lt;/b&gt; · on leave {2} · absent {3} · observers {4} · left out of expected {5} · attendance {6}</source>
        <translation>应到 &lt;b&gt;{0}&lt;/b&gt; 人 · 实到 &lt;b&gt;{1}&lt;/b&gt; 人 · 请假 {2} · 缺席 {3} · 列席 {4} · 不计入应到 {5} · 出席率 {6}</translation>
    </message>
    <message>
        <source>{0} people have no mark and are not part of this meeting.</source>
        <translation>还有 {0} 人没有勾选，不算这次会议的人员。</translation>
    </message>
    <message>
        <source>Full members with a vote: {0} expected, {1} present; more than half means at least {2}.</source>
        <translation>有表决权的正式党员应到 {0} 人，实到 {1} 人；超过半数即至少 {2} 人。</translation>
    </message>
    <message>
        <source>Committee members: {0} expected, {1} present; more than half means at least {2}.</source>
        <translation>支委会成员应到 {0} 人，实到 {1} 人；超过半数即至少 {2} 人。</translation>
    </message>
    <message>
        <source>✓ Quorum met</source>
        <translation>✓ 达到法定人数</translation>
    </message>
    <message>
        <source>✗ Quorum NOT met: decisions of this meeting are not valid</source>
        <translation>✗ 未达到法定人数，会议作出的决定无效</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Time</source>
        <extracomment>The date boxes show this day as “any day” (QDateEdit's special value is its minimum).</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类别</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Search the descriptions</source>
        <translation>搜索操作内容</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类别</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>显示更多</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Saves every entry that matches</source>
        <translation>保存符合条件的全部记录</translation>
    </message>
    <message>
        <source>Change log</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Every change anyone made in this program, with who made it and when. Entries cannot be changed or deleted.</source>
        <translation>在本程序中做过的每一项修改，以及由谁、在什么时候所做。这些记录不能修改，也不能删除。</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No entry matches.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message>
        <source>{0} entries match; showing the newest {1}.</source>
        <translation>共 {0} 条符合条件，显示最新的 {1} 条。</translation>
    </message>
    <message>
        <source>More than {0} entries match; showing the newest {1}.</source>
        <translation>符合条件的超过 {0} 条，显示最新的 {1} 条。</translation>
    </message>
    <message>
        <source>Saved {0} entries to {1}</source>
        <translation>已把 {0} 条记录保存到 {1}</translation>
    </message>
    <message>
        <source>Exporting the change log</source>
        <translation>正在导出操作记录</translation>
    </message>
</context>
<context>
    <name>AwardFlagDialog</name>
    <message>
        <source>Award red flags</source>
        <translation>授予红旗</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>授旗</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Half-year</source>
        <translation>半年</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>红旗类型</translation>
    </message>
    <message>
        <source>Awarded on</source>
        <translation>授旗日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>A backup is a copy of all the records. Make one every week and keep a copy on a USB stick, so that a broken computer loses nothing.</source>
        <translation>备份就是把全部台账另存一份。建议每周备份一次，并在 U 盘上留一份，这样电脑坏了也不会丢数据。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Save a copy to a USB stick…</source>
        <translation>另存一份到 U 盘…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Open the backups folder</source>
        <translation>打开备份文件夹</translation>
    </message>
    <message>
        <source>Keep the last</source>
        <translation>保留最近</translation>
    </message>
    <message>
        <source>automatic backups (one a day, and one before every import)</source>
        <translation>份自动备份（每天一份，每次导入前一份）</translation>
    </message>
    <message>
        <source>Last backup: {0}  ({1} backups in the backups folder)</source>
        <translation>上次备份：{0}（备份文件夹中共有 {1} 份备份）</translation>
    </message>
    <message>
        <source>No backup has been made yet. Please click “Back up now”.</source>
        <translation>还没有做过备份。请点“立即备份”。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Dangjian backup {0} {1}.db</source>
        <translation>党建通备份-{0}-{1}.db</translation>
    </message>
    <message>
        <source>Save a copy of all records</source>
        <translation>另存全部台账</translation>
    </message>
    <message>
        <source>Dangjian backup (*.db)</source>
        <translation>党建通备份 (*.db)</translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>All records were copied to:
{0}</source>
        <translation>全部台账已备份到：
{0}</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <source>Dangjian backup (*.db);;All files (*)</source>
        <translation>党建通备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the backup…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>恢复完成</translation>
    </message>
    <message>
        <source>The records were restored from the backup.
The records as they were before are kept in:
{0}</source>
        <translation>已从备份恢复全部台账。
恢复前的数据另存在：
{0}</translation>
    </message>
</context>
<context>
    <name>ComplianceGridModel</name>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>每季度</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>held</source>
        <translation>已开</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>未开</translation>
    </message>
    <message>
        <source>due</source>
        <translation>待开</translation>
    </message>
    <message>
        <source>{0} {1}: {2} held, {3} required</source>
        <translation>{0} {1}：已开 {2} 次，应开 {3} 次</translation>
    </message>
    <message>
        <source>Meeting type</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Periods met</source>
        <translation>达标期数</translation>
    </message>
</context>
<context>
    <name>ComplianceTab</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Meetings held against required {0}</source>
        <translation>{0} 年会议召开情况</translation>
    </message>
    <message>
        <source>✓ held as required</source>
        <translation>✓ 已按要求召开</translation>
    </message>
    <message>
        <source>✗ not held, period over</source>
        <translation>✗ 期限已过，没有召开</translation>
    </message>
    <message>
        <source>… this period is running, not held yet</source>
        <translation>… 本期还没结束，尚未召开</translation>
    </message>
    <message>
        <source>blank: not started yet</source>
        <translation>空白：还没到时间</translation>
    </message>
    <message>
        <source>Not held in {0}: {1}</source>
        <translation>{0} 年没有按时召开：{1}</translation>
    </message>
    <message>
        <source>Every required meeting of {0} so far has been held.</source>
        <translation>{0} 年到目前为止，规定的会议都已按时召开。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Refresh</source>
        <extracomment>Rows of each long member list the refresh brings (the rest comes when its bar or slice is clicked).</extracomment>
        <translation>刷新</translation>
    </message>
    <message>
        <source>District overview</source>
        <translation>全区概况</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Divide members by</source>
        <translation>统计口径</translation>
    </message>
    <message>
        <source>Member structure</source>
        <translation>党员结构</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Meeting compliance</source>
        <translation>三会一课</translation>
    </message>
    <message>
        <source>Stars</source>
        <translation>星级评定</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Village indicators</source>
        <translation>村级指标</translation>
    </message>
    <message>
        <source>All towns</source>
        <translation>全部镇（街道）</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村</translation>
    </message>
    <message>
        <source>Computing the district's statistics…</source>
        <translation>正在统计全区数据…</translation>
    </message>
    <message>
        <source>{0} villages, {1} members on the roster; {2} training sessions, {3} attendances; meetings held in {4} of {5} periods; {6} villages with early warnings.</source>
        <translation>共 {0} 个村，在册党员 {1} 名；举办培训 {2} 期、{3} 人次；会议按期召开 {4}/{5} 期次；{6} 个村有预警。</translation>
    </message>
    <message>
        <source>{0} by village (click a bar for its members)</source>
        <translation>各村{0}（点击柱条查看党员名单）</translation>
    </message>
    <message>
        <source>Finding the members…</source>
        <translation>正在查找党员…</translation>
    </message>
    <message>
        <source>Members: {0} ({1})</source>
        <translation>党员名单：{0}（{1} 人）</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Training attendances by month</source>
        <translation>各月培训人次</translation>
    </message>
    <message>
        <source>Under floor</source>
        <translation>学时未达标</translation>
    </message>
    <message>
        <source>Training by village</source>
        <translation>各村培训情况</translation>
    </message>
    <message>
        <source>Month {0}</source>
        <translation>{0}月</translation>
    </message>
    <message>
        <source>Members under floor</source>
        <translation>学时未达标（人）</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>Attendances</source>
        <translation>人次</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Fetching the list…</source>
        <translation>正在读取名单…</translation>
    </message>
    <message>
        <source>Members under the study-hour floor ({0})</source>
        <translation>学时未达标的党员（{0} 人）</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>党内职务</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>应达学时</translation>
    </message>
    <message>
        <source>Training in month {0} by village</source>
        <translation>{0} 月各村培训情况</translation>
    </message>
    <message>
        <source>Periods met, % by meeting type</source>
        <translation>各类会议按期召开率（%）</translation>
    </message>
    <message>
        <source>all types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Compliance by branch: {0}</source>
        <translation>各支部会议召开情况：{0}</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>按期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应开</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>按期率</translation>
    </message>
    <message>
        <source>Missing periods</source>
        <translation>未按期召开</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>未评定</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>软弱涣散预警</translation>
    </message>
    <message>
        <source>Red flag villages</source>
        <translation>红旗村</translation>
    </message>
    <message>
        <source>Red flag: {0}</source>
        <translation>红旗村：{0}</translation>
    </message>
    <message>
        <source>Villages by star level</source>
        <translation>各星级村数</translation>
    </message>
    <message>
        <source>Finding the villages…</source>
        <translation>正在查找村…</translation>
    </message>
    <message>
        <source>Early warnings (weak and lax), {0} villages</source>
        <translation>软弱涣散预警（{0} 个村）</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>预警项数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>预警内容</translation>
    </message>
    <message>
        <source>Villages: {0} ({1})</source>
        <translation>村：{0}（{1} 个）</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>未评定</translation>
    </message>
    <message>
        <source>Self score</source>
        <translation>自评得分</translation>
    </message>
    <message>
        <source>Review stage</source>
        <translation>审核阶段</translation>
    </message>
    <message>
        <source>Vetoed</source>
        <translation>一票否决</translation>
    </message>
    <message>
        <source>first half</source>
        <translation>上半年</translation>
    </message>
    <message>
        <source>second half</source>
        <translation>下半年</translation>
    </message>
    <message>
        <source>Red flag villages ({0})</source>
        <translation>红旗村（{0} 个）</translation>
    </message>
    <message>
        <source>Red flag: {0} ({1})</source>
        <translation>红旗村：{0}（{1} 面）</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>红旗类别</translation>
    </message>
    <message>
        <source>Half year</source>
        <translation>半年度</translation>
    </message>
    <message>
        <source>Awarded on</source>
        <translation>授旗日期</translation>
    </message>
    <message>
        <source>Members by grade, {0}</source>
        <translation>{0} 年度党员积分等次</translation>
    </message>
    <message>
        <source>Vanguard member candidates ({0})</source>
        <translation>先锋党员候选人（{0} 名）</translation>
    </message>
    <message>
        <source>Members graded unqualified ({0})</source>
        <translation>评定为不合格的党员（{0} 名）</translation>
    </message>
    <message>
        <source>Only the best and the unqualified are listed ({0})</source>
        <translation>仅列出优秀和不合格等次的党员（{0}）</translation>
    </message>
    <message>
        <source>{0}: the first {1}, click the slice for all</source>
        <translation>{0}：仅显示前 {1} 名，点击扇区查看全部</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>Rank in village</source>
        <translation>村内排名</translation>
    </message>
    <message>
        <source>Income under target</source>
        <translation>收入未达目标</translation>
    </message>
    <message>
        <source>Centre too small</source>
        <translation>服务中心面积不足</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>未报送</translation>
    </message>
    <message>
        <source>Villages against the district's targets</source>
        <translation>村级指标达标情况（村数）</translation>
    </message>
    <message>
        <source>Village indicators ({0} villages)</source>
        <translation>村级指标（{0} 个村）</translation>
    </message>
    <message>
        <source>Collective income</source>
        <translation>集体经济收入（万元）</translation>
    </message>
    <message>
        <source>Service centre area</source>
        <translation>党群服务中心面积（平方米）</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Details</source>
        <translation>详细内容</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Choose an entry on the left to see what it changed.</source>
        <translation>在左边选择一条记录，查看它改动了什么。</translation>
    </message>
    <message>
        <source>Only the fields this change altered are listed.</source>
        <translation>只列出这次修改改动过的项目。</translation>
    </message>
    <message>
        <source>A new record: every field it was created with.</source>
        <translation>新增的记录：列出新增时填写的全部项目。</translation>
    </message>
    <message>
        <source>A deleted record: every field it held (it is kept, marked deleted).</source>
        <translation>删除的记录：列出它原有的全部项目（记录仍保留，只标记为已删除）。</translation>
    </message>
    <message>
        <source>This entry concerns no single record; the line above says what was done.</source>
        <translation>这条记录不针对某一条数据，上面一行说明了所做的操作。</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>New rules version</source>
        <translation>新版规则</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <source>Import and issue</source>
        <translation>导入并下发</translation>
    </message>
    <message>
        <source>Changes against the version in force:</source>
        <translation>与现行版本相比的变化：</translation>
    </message>
</context>
<context>
    <name>DisplayBox</name>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Large text, easier to read</source>
        <translation>大字体，看得更清楚</translation>
    </message>
    <message>
        <source>Language of the program</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the program.</source>
        <translation>新的界面语言在下次打开程序时生效。</translation>
    </message>
    <message>
        <source>Large text takes effect at once; a few parts of some pages grow only after the program is restarted.</source>
        <translation>大字体立即生效；个别页面的少数文字要在重新打开程序后才会变大。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start of the program. Restart the program now?</source>
        <translation>新的界面语言在下次打开程序时生效。现在就重新打开程序吗？</translation>
    </message>
</context>
<context>
    <name>DistrictInfoBox</name>
    <message>
        <source>District information</source>
        <translation>本区信息</translation>
    </message>
    <message>
        <source>Party organisation name</source>
        <translation>党组织名称</translation>
    </message>
    <message>
        <source>District code</source>
        <translation>区代码</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Villages check this fingerprint by telephone when they set up from an enrolment file. Towns and villages are managed on the Towns and villages page.</source>
        <translation>各村用登记文件建立数据库时，会在电话里核对这个指纹。镇和村在“村镇管理”页面管理。</translation>
    </message>
    <message>
        <source>%1 towns, %2 villages</source>
        <translation>%1 个镇（街道），%2 个村</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Cannot read or write the file: {0}</source>
        <translation>无法读写文件：{0}</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Nothing was saved. Details: {0}</source>
        <translation>出现了意外错误，没有保存任何内容。详细信息：{0}</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请检查</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错了</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>Plug in the USB stick from a village, import every bundle on it, then write the return bundles back to the stick for the villages.</source>
        <translation>插入村里送来的 U 盘，导入上面的全部数据包，再把给各村的回执包写回 U 盘。</translation>
    </message>
    <message>
        <source>Export a bundle to the USB stick and carry it to the district. When the stick comes back, import the district's return bundle: it confirms what the district received.</source>
        <translation>把数据包导出到 U 盘，送到区里。U 盘带回来后，导入区里的回执包：它确认区里收到了哪些数据。</translation>
    </message>
    <message>
        <source>1. USB drive or folder</source>
        <translation>1. U 盘或文件夹</translation>
    </message>
    <message>
        <source>Import all bundles on the stick</source>
        <translation>导入 U 盘上的全部数据包</translation>
    </message>
    <message>
        <source>Import the return bundle</source>
        <translation>导入回执包</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>选择文件导入…</translation>
    </message>
    <message>
        <source>Write return bundles for all villages to the stick</source>
        <translation>把各村的回执包写到 U 盘</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>2. Import and write back</source>
        <translation>2. 导入并写回执</translation>
    </message>
    <message>
        <source>2. Export and import</source>
        <translation>2. 导出与导入</translation>
    </message>
    <message>
        <source>Keys and acknowledgements</source>
        <translation>密钥与确认</translation>
    </message>
    <message>
        <source>Waiting for the district</source>
        <translation>等待区里确认</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Bundle history</source>
        <translation>数据包记录</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>{0} villages enrolled, {1} laptops registered</source>
        <translation>已登记 {0} 个村，{1} 台电脑</translation>
    </message>
    <message>
        <source>District key fingerprint</source>
        <translation>区级密钥指纹</translation>
    </message>
    <message>
        <source>Not set up for exchange</source>
        <translation>尚不能交换数据</translation>
    </message>
    <message>
        <source>This database was not made from the district's enrolment file, so it cannot exchange bundles yet. Ask the district for an enrolment file.</source>
        <translation>本数据库不是用区里的登记文件建立的，暂时不能与区里交换数据包。请向区里索取登记文件。</translation>
    </message>
    <message>
        <source>{0} changes waiting for the district's acknowledgement</source>
        <translation>{0} 条修改等待区里确认</translation>
    </message>
    <message>
        <source>Every change has been acknowledged by the district</source>
        <translation>全部修改区里都已确认</translation>
    </message>
    <message>
        <source>State: {0}</source>
        <translation>状态：{0}</translation>
    </message>
    <message>
        <source>Acknowledged up to</source>
        <translation>区里已确认到</translation>
    </message>
    <message>
        <source>change no. {0}</source>
        <translation>第 {0} 号修改</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>尚未确认任何修改</translation>
    </message>
    <message>
        <source>This laptop's key</source>
        <translation>本机密钥指纹</translation>
    </message>
    <message>
        <source>District's key</source>
        <translation>区里的密钥指纹</translation>
    </message>
    <message>
        <source>This folder does not exist yet; exporting creates it.</source>
        <translation>这个文件夹还不存在，导出时会自动建立。</translation>
    </message>
    <message>
        <source>No bundle here yet.</source>
        <translation>这里还没有数据包。</translation>
    </message>
    <message>
        <source>{0} bundle(s) here: {1} to import here, {2} to leave on the stick.</source>
        <translation>这里有 {0} 个数据包：{1} 个在本机导入，{2} 个留在 U 盘上。</translation>
    </message>
    <message>
        <source>Writing return bundles</source>
        <translation>正在写回执包</translation>
    </message>
    <message>
        <source>Exporting bundle</source>
        <translation>正在导出数据包</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>written</source>
        <translation>已写出</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>{0} return bundle(s) written to {1}</source>
        <translation>已写出 {0} 个回执包到 {1}</translation>
    </message>
    <message>
        <source>Written: {0}</source>
        <translation>已写出：{0}</translation>
    </message>
    <message>
        <source>Importing bundles</source>
        <translation>正在导入数据包</translation>
    </message>
    <message>
        <source>Choose the bundles to import</source>
        <translation>选择要导入的数据包</translation>
    </message>
    <message>
        <source>Dangjian bundles (*.djb);;All files (*)</source>
        <translation>党建通数据包 (*.djb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No bundle to import here.</source>
        <translation>这里没有可以导入的数据包。</translation>
    </message>
    <message>
        <source>{0} file(s) taken in, {1} refused: see the reasons in red.</source>
        <translation>{0} 个文件已收下，{1} 个被拒绝：原因见红字。</translation>
    </message>
    <message>
        <source>{0} file(s) taken in, none refused.</source>
        <translation>{0} 个文件已收下，没有被拒绝的。</translation>
    </message>
    <message>
        <source>Cancelled after {0} file(s). </source>
        <translation>处理 {0} 个文件后已取消。</translation>
    </message>
</context>
<context>
    <name>FirstAccountDialog</name>
    <message>
        <source>Create the first account</source>
        <translation>建立第一个账户</translation>
    </message>
    <message>
        <source>From now on the program asks for an account name and password when it starts and after it has been left alone. Create the account of the {0} first: it adds accounts for the others and gives them their roles. Remember the password: there is no master password. If it is forgotten, the district office can send a reset code.</source>
        <translation>从现在起，程序启动时和一段时间无人使用后都要输入账户名和密码。请先建立{0}的账户：由它为其他人建立账户、分配角色。请记住密码：没有万能密码，忘记后可以请区里发重置码。</translation>
    </message>
    <message>
        <source>e.g. Wang (secretary)</source>
        <translation>如：王书记</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Password (at least 6 characters)</source>
        <translation>密码（至少 6 个字符）</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一次密码</translation>
    </message>
    <message>
        <source>Create and log in</source>
        <translation>建立并登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>The folder with the database and its backups</source>
        <translation>保存数据库和备份的文件夹</translation>
    </message>
    <message>
        <source>About {0}…</source>
        <translation>关于{0}…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>The data folder could not be opened here. It is:
{0}</source>
        <translation>无法在这里打开数据文件夹。它的位置是：
{0}</translation>
    </message>
</context>
<context>
    <name>HistoryBox</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>{0} bundles in the log (newest first). Hover over a refused one to see why.</source>
        <translation>共 {0} 个数据包记录（最新的在前）。鼠标停在被拒绝的一行上可看原因。</translation>
    </message>
    <message>
        <source>No bundle has been written or imported yet.</source>
        <translation>还没有导出或导入过数据包。</translation>
    </message>
    <message>
        <source>Bundle history</source>
        <translation>数据包记录</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>In / out</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改序号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认情况</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>year {0}</source>
        <translation>{0}年</translation>
    </message>
    <message>
        <source>Q{1} {0}</source>
        <translation>{0}年第{1}季度</translation>
    </message>
    <message>
        <source>{1}/{0}</source>
        <translation>{0}年{1}月</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年度</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <translation>，另有 {0} 人</translation>
    </message>
    <message>
        <source>Weak-organisation warning: {0}</source>
        <translation>软弱涣散预警：{0}</translation>
    </message>
    <message>
        <source>Star rating</source>
        <translation>星级评定</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Meetings not held on time this year ({0})</source>
        <translation>今年有 {0} 次会议未按期召开</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议培训</translation>
    </message>
    <message>
        <source>{0} (since {1})</source>
        <translation>{0}（自 {1} 起）</translation>
    </message>
    <message>
        <source>Members out of contact: {0}</source>
        <translation>失联党员 {0} 名</translation>
    </message>
    <message>
        <source>Members below the yearly study hours so far: {0}</source>
        <translation>今年学时尚未达标的党员 {0} 名</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>{0} {1} h</source>
        <translation>{0} {1} 学时</translation>
    </message>
    <message>
        <source>Each member needs {0} study hours a year, committee members {1}. Lowest so far: {2}</source>
        <translation>党员每年应学习 {0} 学时，班子成员 {1} 学时。目前学时最少的是：{2}</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>会议培训</translation>
    </message>
    <message>
        <source>Full members</source>
        <translation>正式党员</translation>
    </message>
    <message>
        <source>Probationary members</source>
        <translation>预备党员</translation>
    </message>
    <message>
        <source>Flowing members</source>
        <translation>流动党员</translation>
    </message>
    <message>
        <source>Out of contact</source>
        <translation>失联党员</translation>
    </message>
    <message>
        <source>Training attendances this year</source>
        <translation>今年培训人次</translation>
    </message>
    <message>
        <source>Study hours this year</source>
        <translation>今年学时合计</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要注意</translation>
    </message>
    <message>
        <source>Meetings in the current period</source>
        <translation>本期应开的会议</translation>
    </message>
    <message>
        <source>Points leaders</source>
        <translation>积分前十名</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Today is {0}. Click a card, a list or a warning to open its page.</source>
        <translation>今天是 {0}。点一下卡片、列表或提醒，就能打开对应的页面。</translation>
    </message>
    <message>
        <source>{0} on the roster in all</source>
        <translation>在册党员共 {0} 人</translation>
    </message>
    <message>
        <source>not yet full members</source>
        <translation>尚未转为正式党员</translation>
    </message>
    <message>
        <source>working or living away</source>
        <translation>外出务工或居住</translation>
    </message>
    <message>
        <source>no contact for 6 months or more</source>
        <translation>失去联系 6 个月以上</translation>
    </message>
    <message>
        <source>{0} training sessions</source>
        <translation>共 {0} 期培训</translation>
    </message>
    <message>
        <source>{0} hours per member on average</source>
        <translation>人均 {0} 学时</translation>
    </message>
    <message>
        <source>Needs attention ({0})</source>
        <translation>需要注意（{0} 项）</translation>
    </message>
    <message>
        <source>Nothing needs attention right now</source>
        <translation>目前没有需要注意的事项</translation>
    </message>
    <message>
        <source>Meetings, study hours and contact with members are all in order.</source>
        <translation>会议、学时和党员联系情况都正常。</translation>
    </message>
    <message>
        <source>held {0} of {1}</source>
        <translation>已开 {0} 次 / 应开 {1} 次</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>still to hold</source>
        <translation>尚未召开</translation>
    </message>
    <message>
        <source>No meeting type has a required frequency.</source>
        <translation>没有规定召开频次的会议类型。</translation>
    </message>
    <message>
        <source>Points leaders, {0}</source>
        <translation>{0} 年度积分前十名</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} 分</translation>
    </message>
    <message>
        <source>No members on the roster yet.</source>
        <translation>名册中还没有党员。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import party members from Excel</source>
        <translation>从 Excel 导入党员</translation>
    </message>
    <message>
        <source>1. Choose the roster workbook (.xlsx). 2. Check what the import would do — nothing is saved yet. 3. Press “Import the good rows”. Rows with problems are left out: correct them in Excel and import the file again; people already imported are then only updated, never doubled.</source>
        <translation>第一步：选择花名册 Excel 文件（.xlsx）。第二步：看看导入后会有什么变化——这时还没有保存任何内容。第三步：点“导入没有问题的行”。有问题的行不会导入：在 Excel 里改正后再导入一次即可，已经导入的人只会被更新，不会重复。</translation>
    </message>
    <message>
        <source>Choose Excel file…</source>
        <translation>选择 Excel 文件…</translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation>还没有选择文件</translation>
    </message>
    <message>
        <source>New people</source>
        <translation>新增人数</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新人数</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>没有变化</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <source>Export the problem list to Excel</source>
        <translation>把问题清单导出为 Excel</translation>
    </message>
    <message>
        <source>Import the good rows</source>
        <translation>导入没有问题的行</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Choose the roster workbook</source>
        <translation>选择花名册文件</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Checking the roster…</source>
        <translation>正在检查花名册…</translation>
    </message>
    <message>
        <source>Nothing to import: every good row is already in the roster as it is.</source>
        <translation>没有需要导入的内容：没有问题的行都已在花名册中，内容相同。</translation>
    </message>
    <message>
        <source>Nothing has been saved yet. Press “Import the good rows” to save {0} new and {1} updated people.</source>
        <translation>现在还没有保存。点“导入没有问题的行”，将新增 {0} 人、更新 {1} 人。</translation>
    </message>
    <message>
        <source>{0} rows with problems will be left out (listed below).</source>
        <translation>有 {0} 行有问题，不会导入（见下表）。</translation>
    </message>
    <message>
        <source>Importing the roster…</source>
        <translation>正在导入花名册…</translation>
    </message>
    <message>
        <source>Saved: {0} new and {1} updated people.</source>
        <translation>已保存：新增 {0} 人，更新 {1} 人。</translation>
    </message>
    <message>
        <source>Also: {0}.</source>
        <translation>另外：{0}。</translation>
    </message>
    <message>
        <source>roster import problems</source>
        <translation>花名册导入问题清单</translation>
    </message>
</context>
<context>
    <name>ImportProblemModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>of {0} points</source>
        <translation>满分 {0} 分</translation>
    </message>
    <message>
        <source>Evidence or note (what the score rests on)</source>
        <translation>评分依据或说明（如会议记录、台账）</translation>
    </message>
    <message>
        <source>Use this</source>
        <translation>采用建议</translation>
    </message>
    <message>
        <source>Puts the suggested score and its reason into the form; you can still change them</source>
        <translation>把建议的分数和理由填进表里，之后仍可修改</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已采用</translation>
    </message>
    <message>
        <source>The records suggest {0} points: {1}</source>
        <translation>按系统数据建议 {0} 分：{1}</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note or reason</source>
        <translation>说明或原因</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Reversed</source>
        <translation>已冲销</translation>
    </message>
    <message>
        <source>Reversal of an entry</source>
        <translation>冲销记录</translation>
    </message>
    <message>
        <source>Reversed on {0}: {1}</source>
        <translation>已于 {0} 冲销，原因：{1}</translation>
    </message>
    <message>
        <source>This entry cancels an earlier entry. Reason: {0}</source>
        <translation>这条记录抵消了之前的一条记录。原因：{0}</translation>
    </message>
</context>
<context>
    <name>LedgerTab</name>
    <message>
        <source>Member: name or pinyin initials</source>
        <translation>党员：姓名或拼音首字母</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Reverse the selected entry…</source>
        <translation>冲销选中的记录…</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Points ledger</source>
        <translation>积分台账</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>{0} entries shown, {1} points in all</source>
        <translation>显示 {0} 条，合计 {1} 分</translation>
    </message>
    <message>
        <source>Loading the points ledger…</source>
        <translation>正在读取积分台账…</translation>
    </message>
    <message>
        <source>Select an entry in the table first.</source>
        <translation>请先在表格中点选一条记录。</translation>
    </message>
    <message>
        <source>This entry has already been reversed.</source>
        <translation>这条记录已经冲销过了。</translation>
    </message>
    <message>
        <source>A reversal cannot be reversed; record the item again instead.</source>
        <translation>冲销记录不能再冲销；如需恢复，请重新记分。</translation>
    </message>
</context>
<context>
    <name>LocationBox</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Look again for USB drives</source>
        <translation>重新查找 U 盘</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>USB drive</source>
        <translation>U 盘</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>磁盘</translation>
    </message>
    <message>
        <source>{0}: {1} ({2}) — {3} free</source>
        <translation>{0}：{1}（{2}）— 可用 {3}</translation>
    </message>
    <message>
        <source>Folder: {0}</source>
        <translation>文件夹：{0}</translation>
    </message>
    <message>
        <source>{0} USB drive(s) found. Plug the stick in and press “Refresh” if it is not listed.</source>
        <translation>找到 {0} 个 U 盘。如果没有列出您的 U 盘，请插好后点“刷新”。</translation>
    </message>
    <message>
        <source>No USB drive found. Plug the stick in and press “Refresh”, or choose a folder.</source>
        <translation>没有找到 U 盘。请插好 U 盘后点“刷新”，或选择一个文件夹。</translation>
    </message>
    <message>
        <source>Choose the folder for bundles</source>
        <translation>选择存放数据包的文件夹</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>The program was locked after {0} minutes without use. Log in again to go on; another account may log in too.</source>
        <translation>程序已有 {0} 分钟无人使用，已自动锁定。请重新登录后继续；也可以换一个账户登录。</translation>
    </message>
    <message>
        <source>The program is locked. Log in again to go on; another account may log in too.</source>
        <translation>程序已锁定。重新登录即可继续；也可以换一个账户登录。</translation>
    </message>
    <message>
        <source>{0}: log in with your account.</source>
        <translation>{0}：请用您的账户登录。</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Forgot password…</source>
        <translation>忘记密码…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Log in ({0} s)</source>
        <translation>登录（{0} 秒）</translation>
    </message>
    <message>
        <source>The new password is set. Log in with it.</source>
        <translation>新密码已设置，请用新密码登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Home</source>
        <extracomment>Every page: key → (class in gui/pages/&lt;key&gt;.py, navigation title).</extracomment>
        <translation>首页</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>全区概况</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议培训</translation>
    </message>
    <message>
        <source>Star rating</source>
        <translation>星级评定</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>报表打印</translation>
    </message>
    <message>
        <source>Data exchange</source>
        <translation>数据交换</translation>
    </message>
    <message>
        <source>District report</source>
        <translation>区级报表</translation>
    </message>
    <message>
        <source>Towns and villages</source>
        <translation>村镇管理</translation>
    </message>
    <message>
        <source>Star review</source>
        <translation>星级审核</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Change log</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Correct a meeting record</source>
        <translation>查看或修改会议记录</translation>
    </message>
    <message>
        <source>Record a meeting or training</source>
        <translation>登记会议或培训</translation>
    </message>
    <message>
        <source>e.g. 09:00</source>
        <translation>如 09:00</translation>
    </message>
    <message>
        <source>e.g. 11:00</source>
        <translation>如 11:00</translation>
    </message>
    <message>
        <source>Points the attendance will record</source>
        <translation>保存后将记入积分台账</translation>
    </message>
    <message>
        <source>Points the attendance records after this correction</source>
        <translation>修改后这次会议记的积分</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>召开组织</translation>
    </message>
    <message>
        <source>Title / topic</source>
        <translation>会议名称（议题）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
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
        <source>Chaired by</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Minutes taken by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Study hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>会议内容</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>会议决定</translation>
    </message>
    <message>
        <source>Attendance: tick one box per person</source>
        <translation>考勤：每人勾选一项</translation>
    </message>
    <message>
        <source>Lecturer (required)</source>
        <translation>授课人（必填）</translation>
    </message>
    <message>
        <source>Lecturer</source>
        <translation>授课人</translation>
    </message>
    <message>
        <source>e.g. {0}: study of the new regulations</source>
        <translation>如：{0}：学习新修订的条例</translation>
    </message>
    <message>
        <source>Tick the attendance of at least one person.</source>
        <translation>请在考勤表中至少勾选一个人。</translation>
    </message>
    <message>
        <source>Before saving, please fix:</source>
        <translation>保存之前，请先改正：</translation>
    </message>
    <message>
        <source>Leave empty to count from the start and end time.</source>
        <translation>不填则按开始、结束时间计算。</translation>
    </message>
    <message>
        <source>Each member present earns {0} study hours.</source>
        <translation>出席的党员每人计 {0} 学时。</translation>
    </message>
    <message>
        <source>{0} hours; this kind of meeting does not count as study hours.</source>
        <translation>{0} 小时；这类会议不计入学习学时。</translation>
    </message>
    <message>
        <source>No points yet: nobody is ticked.</source>
        <translation>还没有勾选考勤，暂时不记分。</translation>
    </message>
    <message>
        <source>Shown once the problems on the right are fixed.</source>
        <translation>右边的问题改正后显示。</translation>
    </message>
    <message>
        <source>This meeting records no points under the rulebook in force.</source>
        <translation>按现行积分细则，这次会议不记分。</translation>
    </message>
    <message>
        <source> and others</source>
        <translation> 等</translation>
    </message>
    <message>
        <source>{0}: &lt;b style='color:{1}'&gt;{2:+g}&lt;/b&gt; points each for {3} people ({4})</source>
        <translation>{0}：{3} 人，每人 &lt;b style='color:{1}'&gt;{2:+g}&lt;/b&gt; 分（{4}）</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>{0} people have no attendance mark and will not be part of this meeting. Save anyway?</source>
        <translation>还有 {0} 人没有勾选考勤，他们不算这次会议的人员。仍然保存吗？</translation>
    </message>
    <message>
        <source>Fewer than the required {0} people are present, so the decisions of this meeting are not valid. Save the record anyway?</source>
        <translation>出席人数不足规定的 {0} 人，这次会议作出的决定无效。仍然保存会议记录吗？</translation>
    </message>
    <message>
        <source>Saving the meeting…</source>
        <translation>正在保存会议…</translation>
    </message>
    <message>
        <source>Close without saving what you entered?</source>
        <translation>填写的内容还没有保存，确定要关闭吗？</translation>
    </message>
</context>
<context>
    <name>MeetingListModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>会议名称</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Study hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <source>Chaired by</source>
        <translation>主持人</translation>
    </message>
</context>
<context>
    <name>MeetingListTab</name>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Search title, chair, place</source>
        <translation>按会议名称、主持人、地点查找</translation>
    </message>
    <message>
        <source>＋ Record a meeting</source>
        <translation>＋ 登记会议</translation>
    </message>
    <message>
        <source>View or correct</source>
        <translation>查看 / 修改</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤销登记…</translation>
    </message>
    <message>
        <source>For a meeting entered by mistake; its points are reversed</source>
        <translation>用于登记错了的会议；它记的积分会被冲销</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Meetings and trainings {0}</source>
        <translation>{0} 年会议培训</translation>
    </message>
    <message>
        <source>{0} meetings shown. Double-click one to see or correct it.</source>
        <translation>共显示 {0} 次会议。双击一行可以查看或修改。</translation>
    </message>
    <message>
        <source>Withdrawing the meeting…</source>
        <translation>正在撤销会议登记…</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Meetings and training</source>
        <translation>会议培训</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Meeting records</source>
        <translation>会议记录</translation>
    </message>
    <message>
        <source>Held as required?</source>
        <translation>是否按时召开</translation>
    </message>
    <message>
        <source>Study hours</source>
        <translation>学习学时</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>会议培训</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Change {0}'s details</source>
        <translation>修改 {0} 的信息</translation>
    </message>
    <message>
        <source>Add a party member</source>
        <translation>新增党员</translation>
    </message>
    <message>
        <source>Fields marked * must be filled in. Type the ID number first: birth date and sex are then filled in for you.</source>
        <translation>带 * 的必须填写。请先填身份证号，出生日期和性别会自动填上。</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Party membership</source>
        <translation>入党与组织</translation>
    </message>
    <message>
        <source>Contact and other</source>
        <translation>联系方式及其他</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <source>e.g. 张三</source>
        <translation>如：张三</translation>
    </message>
    <message>
        <source>ID number *</source>
        <translation>身份证号 *</translation>
    </message>
    <message>
        <source>18 digits, the last may be X</source>
        <translation>18 位，最后一位可以是 X</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>e.g. 1965-03-12</source>
        <translation>如：1965-03-12</translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作岗位</translation>
    </message>
    <message>
        <source>e.g. 农民</source>
        <translation>如：农民</translation>
    </message>
    <message>
        <source>Stage *</source>
        <translation>人员类别 *</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>所在党支部</translation>
    </message>
    <message>
        <source>Party group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Party post</source>
        <translation>党内职务</translation>
    </message>
    <message>
        <source>Joined the Party on</source>
        <translation>加入党组织日期</translation>
    </message>
    <message>
        <source>e.g. 1990-07-01</source>
        <translation>如：1990-07-01</translation>
    </message>
    <message>
        <source>Full member since</source>
        <translation>转为正式党员日期</translation>
    </message>
    <message>
        <source>e.g. 1991-07-01</source>
        <translation>如：1991-07-01</translation>
    </message>
    <message>
        <source>Membership standing</source>
        <translation>党籍状态</translation>
    </message>
    <message>
        <source>Class for points</source>
        <translation>积分分类</translation>
    </message>
    <message>
        <source>Dues (yuan a month)</source>
        <translation>党费标准（元/月）</translation>
    </message>
    <message>
        <source>e.g. 0.5</source>
        <translation>如：0.5</translation>
    </message>
    <message>
        <source>Dues paid up to</source>
        <translation>党费交至年月</translation>
    </message>
    <message>
        <source>e.g. 2025-06</source>
        <translation>如：2025-06</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>11 digits</source>
        <translation>11 位手机号码</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Flowing member</source>
        <translation>流动党员</translation>
    </message>
    <message>
        <source>Yes, works or lives away from the village</source>
        <translation>是：在外务工、经商或居住</translation>
    </message>
    <message>
        <source>Gone to</source>
        <translation>外出流向</translation>
    </message>
    <message>
        <source>province, city, county</source>
        <translation>省、市、县</translation>
    </message>
    <message>
        <source>Out of contact</source>
        <translation>失联党员</translation>
    </message>
    <message>
        <source>Yes, out of contact for six months or more</source>
        <translation>是：失去联系六个月以上</translation>
    </message>
    <message>
        <source>Out of contact since</source>
        <translation>失去联系日期</translation>
    </message>
    <message>
        <source>e.g. 2024-03-01</source>
        <translation>如：2024-03-01</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(not filled in)</source>
        <translation>（不填）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Birth date and sex filled in from the ID number</source>
        <translation>已按身份证号填好出生日期和性别</translation>
    </message>
    <message>
        <source>Everything is filled in correctly.</source>
        <translation>填写无误，可以保存。</translation>
    </message>
    <message>
        <source>Still to fill in or correct: {0}</source>
        <translation>还需填写或改正：{0}</translation>
    </message>
</context>
<context>
    <name>MemberHistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>做了什么</translation>
    </message>
</context>
<context>
    <name>MemberLedgerModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>How recorded</source>
        <translation>记录方式</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>原因或备注</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>是否冲销</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手工记分</translation>
    </message>
    <message>
        <source>From a meeting</source>
        <translation>会议考勤</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>冲销更正</translation>
    </message>
    <message>
        <source>Cancelled by a correction</source>
        <translation>已被冲销</translation>
    </message>
</context>
<context>
    <name>MemberMeetingsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Study hours earned</source>
        <translation>获得学时</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>Find a member: name, pinyin or initials (zs finds 张三)</source>
        <translation>查找党员：输入姓名、拼音或首字母（如 zs 查张三）</translation>
    </message>
    <message>
        <source>Tick all shown</source>
        <translation>勾选列表中全部</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>{0} ticked</source>
        <translation>已勾选 {0} 人</translation>
    </message>
</context>
<context>
    <name>MemberPickerModel</name>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>{0} ({1} people)</source>
        <translation>{0}（{1} 人）</translation>
    </message>
    <message>
        <source>Not in a group</source>
        <translation>未编入党小组</translation>
    </message>
    <message>
        <source>not for this item</source>
        <translation>不参与此项</translation>
    </message>
</context>
<context>
    <name>MemberScopeField</name>
    <message>
        <source>One member:</source>
        <translation>一名党员：</translation>
    </message>
    <message>
        <source>Every member on the roster, a form each</source>
        <translation>全部在册党员，每人一份</translation>
    </message>
    <message>
        <source>Every member on the roster, a form each ({0} people)</source>
        <translation>全部在册党员，每人一份（共 {0} 人）</translation>
    </message>
</context>
<context>
    <name>MemberView</name>
    <message>
        <source>Change details</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <source>Change status (transfer out …)</source>
        <translation>变更状态（转出等）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Meetings and study hours</source>
        <translation>会议与学时</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnic group</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作岗位</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>所在党支部</translation>
    </message>
    <message>
        <source>Party group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Party post</source>
        <translation>党内职务</translation>
    </message>
    <message>
        <source>Joined the Party on</source>
        <translation>加入党组织日期</translation>
    </message>
    <message>
        <source>Full member since</source>
        <translation>转为正式党员日期</translation>
    </message>
    <message>
        <source>Membership standing</source>
        <translation>党籍状态</translation>
    </message>
    <message>
        <source>Class for points</source>
        <translation>积分分类</translation>
    </message>
    <message>
        <source>Dues (yuan a month)</source>
        <translation>党费标准（元/月）</translation>
    </message>
    <message>
        <source>Dues paid up to</source>
        <translation>党费交至年月</translation>
    </message>
    <message>
        <source>Flowing member</source>
        <translation>流动党员</translation>
    </message>
    <message>
        <source>Gone to</source>
        <translation>外出流向</translation>
    </message>
    <message>
        <source>Out of contact</source>
        <translation>失联党员</translation>
    </message>
    <message>
        <source>Out of contact since</source>
        <translation>失去联系日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status changed on</source>
        <translation>状态变更日期</translation>
    </message>
    <message>
        <source>Status note</source>
        <translation>状态变更说明</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>{0} years old</source>
        <translation>{0} 岁</translation>
    </message>
    <message>
        <source>points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Points are recorded on the Points page. A wrong entry is never erased: a correction cancels it, and both stay in the ledger.</source>
        <translation>积分在“积分”页记录。记错的积分不会被删除：用一条冲销记录抵消，两条都留在台账里。</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Every change to this record, who made it and when.</source>
        <translation>这名党员信息的每一次修改：谁改的、什么时候改的。</translation>
    </message>
    <message>
        <source>Party member: {0}</source>
        <translation>党员：{0}</translation>
    </message>
    <message>
        <source>Move on to {0}</source>
        <translation>转为{0}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Not on the roster in this year: no score is computed.</source>
        <translation>本年度不在党员名册中，不计算积分。</translation>
    </message>
    <message>
        <source>Score this year: {0} points {1}, grade {2}, rank {3}</source>
        <translation>本年度得分：{0} 分 {1}，等级：{2}，排名第 {3}</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>已达标</translation>
    </message>
    <message>
        <source>{0:g} hours short</source>
        <translation>还差 {0:g} 学时</translation>
    </message>
    <message>
        <source>Present {0}, on leave {1}, absent {2}. Study hours: {3:g} of {4:g} required, </source>
        <translation>出席 {0} 次，请假 {1} 次，缺席 {2} 次。学时：{3:g}（应达 {4:g}），</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Add a member</source>
        <translation>新增党员</translation>
    </message>
    <message>
        <source>Open member's page</source>
        <translation>查看详情</translation>
    </message>
    <message>
        <source>Change details</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Transfer out, death, leaving the Party: members are never deleted</source>
        <translation>转出、死亡、出党、除名都在这里办理：党员记录永远不会被删除</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Saves the rows shown below</source>
        <translation>把下面表格中显示的人保存为 Excel 文件</translation>
    </message>
    <message>
        <source>Type a name, its pinyin or initials (zs finds 张三), or an ID number</source>
        <translation>输入姓名、拼音或拼音首字母（如输入 zs 可找到 张三），或身份证号</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>清空查找和筛选</translation>
    </message>
    <message>
        <source>On the roster</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Everyone, also those who left</source>
        <translation>全部（含已离开的）</translation>
    </message>
    <message>
        <source>Left (transferred out, died …)</source>
        <translation>已离开（转出、死亡等）</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Flowing members</source>
        <translation>流动党员</translation>
    </message>
    <message>
        <source>Out of contact</source>
        <translation>失联党员</translation>
    </message>
    <message>
        <source>Neither</source>
        <translation>非流动、未失联</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Flowing</source>
        <translation>流动</translation>
    </message>
    <message>
        <source>Double-click a row to open the member's page: points, meetings, study hours and every change to the record.</source>
        <translation>双击一行可查看该党员的详细情况：积分、会议、学时和每一次修改记录。</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部支部</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部党小组</translation>
    </message>
    <message>
        <source>Showing {0} people. On the roster: {1} party members ({2} full, {3} probationary), {4} flowing, {5} out of contact.</source>
        <translation>当前显示 {0} 人。在册党员 {1} 人（正式党员 {2} 人，预备党员 {3} 人），流动党员 {4} 人，失联党员 {5} 人。</translation>
    </message>
    <message>
        <source>Party member roster</source>
        <translation>党员花名册</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>New account</source>
        <translation>新建账户</translation>
    </message>
    <message>
        <source>Each person who uses the program gets an account of their own, so the change log shows who did what. The role decides what the account may do.</source>
        <translation>每个使用本程序的人都应有自己的账户，操作记录才能说明谁做了什么。角色决定这个账户能做什么。</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password (at least 6 characters)</source>
        <translation>密码（至少 6 个字符）</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再输一次密码</translation>
    </message>
</context>
<context>
    <name>OptionsPanel</name>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Every member on the roster</source>
        <translation>全部在册党员</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>公示期间</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Blank sheet to sign before the meeting</source>
        <translation>会前空白签到表</translation>
    </message>
    <message>
        <source>Posted from</source>
        <translation>公示开始</translation>
    </message>
    <message>
        <source>Posted for</source>
        <translation>公示天数</translation>
    </message>
    <message>
        <source>Objections to</source>
        <translation>异议受理</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Empty: the village secretary and the town's organisation officer</source>
        <translation>不填则写本村书记和镇组织委员</translation>
    </message>
    <message>
        <source>Nothing to choose: this form shows the village as it is today.</source>
        <translation>这张表不用选范围，打印的是本村今天的情况。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>District key passphrase</source>
        <translation>区级密钥口令</translation>
    </message>
    <message>
        <source>The district's key is locked with a passphrase. Type it to sign and open bundles. It is kept only until the program is closed.</source>
        <translation>区级密钥用口令锁着。请输入口令，用于签名和打开数据包。口令只保留到关闭程序为止。</translation>
    </message>
    <message>
        <source>The passphrase was wrong. Please try again (letters are case-sensitive).</source>
        <translation>口令不正确，请重新输入（区分大小写）。</translation>
    </message>
</context>
<context>
    <name>PassphraseResetDialog</name>
    <message>
        <source>Reset an administrator's password</source>
        <translation>找回管理员密码</translation>
    </message>
    <message>
        <source>Another administrator can set a new password for you in Settings → Accounts. If there is none, type the district key passphrase (the one asked for when bundles are imported; it is on the recovery sheet kept in the safe): it sets a new password for an administrator account. Other accounts are reset by an administrator.</source>
        <translation>如果区里还有别的管理员，请他在“设置 → 账户”里为你重设密码。没有的话，输入区级密钥口令（导入数据包时要输入的那个口令，写在锁在柜子里的恢复单上），就能为管理员账户设置新密码。其他账户由管理员重设。</translation>
    </message>
    <message>
        <source>District key passphrase</source>
        <translation>区级密钥口令</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Set a new password for {0}</source>
        <translation>为 {0} 重设密码</translation>
    </message>
    <message>
        <source>Type your present password, then the new one twice.</source>
        <translation>请输入现在的密码，再把新密码输入两次。</translation>
    </message>
    <message>
        <source>Tell the new password to {0} in person. Their waiting time after wrong passwords is cleared.</source>
        <translation>请当面把新密码告诉 {0}。其密码输错后的等待时间同时清除。</translation>
    </message>
    <message>
        <source>Save the password</source>
        <translation>保存密码</translation>
    </message>
    <message>
        <source>Present password</source>
        <translation>现在的密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再输一次新密码</translation>
    </message>
    <message>
        <source>Type your present password</source>
        <translation>请输入现在的密码</translation>
    </message>
</context>
<context>
    <name>PeriodField</name>
    <message>
        <source>Quarter</source>
        <translation>按季度</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>全年</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>This account ({0}) may not {1}.</source>
        <translation>当前账户（{0}）无权{1}。</translation>
    </message>
</context>
<context>
    <name>PersonalExport</name>
    <message>
        <source>This table holds personal information such as ID numbers and phone numbers. Keep it safe and do not pass it on.</source>
        <translation>此表格含有身份证号、电话等个人信息，请妥善保管，不要随意转发。</translation>
    </message>
    <message>
        <source>Personal information</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>Party member points</source>
        <translation>党员积分管理</translation>
    </message>
    <message>
        <source>Record points…</source>
        <translation>记分…</translation>
    </message>
    <message>
        <source>Record one item of the rulebook for one member or many at once</source>
        <translation>给一名或多名党员记一项积分</translation>
    </message>
    <message>
        <source>Totals and ranking</source>
        <translation>总分与排名</translation>
    </message>
    <message>
        <source>Points ledger</source>
        <translation>积分台账</translation>
    </message>
    <message>
        <source>Rulebook in force</source>
        <translation>现行积分细则</translation>
    </message>
    <message>
        <source>The entry was reversed. Both it and the reversal stay in the ledger.</source>
        <translation>已冲销。原记录和冲销记录都保留在台账中。</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Rulebook in force: {0} (version {1})</source>
        <translation>现行积分细则：{0}（{1} 版）</translation>
    </message>
    <message>
        <source>Saved: {0} entries added to the ledger.</source>
        <translation>已保存：台账中新增 {0} 条记录。</translation>
    </message>
    <message>
        <source>Please note:</source>
        <translation>请注意：</translation>
    </message>
</context>
<context>
    <name>PointsText</name>
    <message>
        <source>Recorded by hand</source>
        <extracomment>Colours that stay readable on the default light palette and in print.</extracomment>
        <translation>手工记分</translation>
    </message>
    <message>
        <source>Meeting attendance</source>
        <translation>会议考勤</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>at most {0} a month</source>
        <translation>每月最多 {0} 分</translation>
    </message>
    <message>
        <source>at most {0} a quarter</source>
        <translation>每季度最多 {0} 分</translation>
    </message>
    <message>
        <source>at most {0} a year</source>
        <translation>每年最多 {0} 分</translation>
    </message>
    <message>
        <source>one third</source>
        <translation>三分之一</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Into the ledger</source>
        <translation>记入台账</translation>
    </message>
    <message>
        <source>Counts toward the total</source>
        <translation>计入总分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Smaller</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Larger</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>The form was made but cannot be shown ({0}).</source>
        <translation>表格已生成，但无法显示（{0}）。</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>第 {0} 页，共 {1} 页</translation>
    </message>
</context>
<context>
    <name>PrintRoutine</name>
    <message>
        <source>The printer could not be started. Check that it is switched on and connected, then try again.</source>
        <extracomment>Finer than this adds nothing to text on paper, only memory and time; finer printers get it scaled up. At most this many bytes of image at a time.</extracomment>
        <translation>打印机没能启动。请检查打印机是否开着、线是否接好，然后再试一次。</translation>
    </message>
    <message>
        <source>The printer stopped after {0} pages.</source>
        <translation>打印机打印了 {0} 页后停了下来。</translation>
    </message>
    <message>
        <source>Print {0}</source>
        <translation>打印{0}</translation>
    </message>
    <message>
        <source>Sending {0} to the printer…</source>
        <translation>正在把{0}送到打印机…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <source>Print forms</source>
        <extracomment>Wait this long after the last change of scope before making a new preview (typing, spinning).</extracomment>
        <translation>报表打印</translation>
    </message>
    <message>
        <source>Choose a form and what it should cover. On the right you see the pages exactly as they will come out of the printer.</source>
        <translation>先选要打印的表格，再选打印的范围。右边显示的就是打印出来的样子。</translation>
    </message>
    <message>
        <source>1. Which form</source>
        <translation>第一步：选表格</translation>
    </message>
    <message>
        <source>2. What it covers</source>
        <translation>第二步：选范围</translation>
    </message>
    <message>
        <source>Show preview</source>
        <translation>生成预览</translation>
    </message>
    <message>
        <source>Make the form again from the records</source>
        <translation>按最新的记录重新生成表格</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Making every member's form takes a few seconds.
Press “Show preview” to make them.</source>
        <translation>生成全部党员的考评表要等几秒钟。
请点左边的“生成预览”开始生成。</translation>
    </message>
    <message>
        <source>Making the form…</source>
        <translation>正在生成表格…</translation>
    </message>
    <message>
        <source>Making {0}…</source>
        <translation>正在生成{0}…</translation>
    </message>
    <message>
        <source>Making {0}</source>
        <translation>正在生成{0}</translation>
    </message>
    <message>
        <source>Cancelled. Press “Show preview” to make the form again.</source>
        <translation>已取消。要重新生成，请点“生成预览”。</translation>
    </message>
    <message>
        <source>Sent {0} pages of {1} to the printer.</source>
        <translation>已把{1}共 {0} 页送到打印机。</translation>
    </message>
    <message>
        <source>Printing stopped after {0} of {1} pages.</source>
        <translation>打印已停止：共 {1} 页，已送出 {0} 页。</translation>
    </message>
    <message>
        <source>Save the form as a PDF file</source>
        <translation>把表格保存为 PDF 文件</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
</context>
<context>
    <name>PublicityDialog</name>
    <message>
        <source>Start publicity</source>
        <translation>开始公示</translation>
    </message>
    <message>
        <source>Publish the district's results of %1 village(s)</source>
        <translation>公示 %1 个村的区级审核结果</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基础分</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>加分</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Change in the period</source>
        <translation>本期增减</translation>
    </message>
    <message>
        <source>Member star</source>
        <translation>党员星级</translation>
    </message>
    <message>
        <source>Grade by score</source>
        <translation>按分数等次</translation>
    </message>
    <message>
        <source>Deductions recorded: {0}; a category cannot go below zero, so {1} counts.</source>
        <translation>记录的扣分共 {0}；每类基础分扣完为止，实际扣 {1} 分。</translation>
    </message>
</context>
<context>
    <name>RankingTab</name>
    <message>
        <source>Show totals by</source>
        <translation>统计方式</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>按季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>按年度</translation>
    </message>
    <message>
        <source>Find: name, pinyin initials, branch or group</source>
        <translation>查找：姓名、拼音首字母、支部或小组</translation>
    </message>
    <message>
        <source>Double-click a member to see their ledger.</source>
        <translation>双击某位党员，可查看他的积分台账。</translation>
    </message>
    <message>
        <source>Record points for the selected members…</source>
        <translation>给选中的党员记分…</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Period: {0} to {1}.</source>
        <translation>统计期间：{0} 至 {1}。</translation>
    </message>
    <message>
        <source>Counted up to today, {0}.</source>
        <translation>统计到今天（{0}）为止。</translation>
    </message>
    <message>
        <source>Totals add up everything from {0} to {1}; the change column shows this period alone.</source>
        <translation>“总分”是 {0} 至 {1} 的累计积分；“本期增减”只算本期。</translation>
    </message>
    <message>
        <source>{0} members. At most {1} may be graded excellent (优秀): no more than {2} of the members. {3} reach the excellent line by score.</source>
        <translation>参评党员 {0} 人，评为“优秀”的最多 {1} 人（不超过党员人数的{2}）。按分数达到优秀分数线的有 {3} 人。</translation>
    </message>
    <message>
        <source>That is more than the quota: the branch committee decides who is graded excellent.</source>
        <translation>已超过名额，由支委会研究确定评为“优秀”的人选。</translation>
    </message>
    <message>
        <source>Points ranking {0}</source>
        <translation>党员积分排名（{0}）</translation>
    </message>
</context>
<context>
    <name>ReceiptList</name>
    <message>
        <source>Changes: {0}</source>
        <translation>修改：{0}</translation>
    </message>
    <message>
        <source>Reason: {0}</source>
        <translation>原因：{0}</translation>
    </message>
    <message>
        <source>not imported here</source>
        <translation>不在本机导入</translation>
    </message>
    <message>
        <source>The receipt of each imported file will show here: what was taken in, what was refused and why.</source>
        <translation>每个导入文件的回执会显示在这里：收下了什么，拒绝了什么，为什么。</translation>
    </message>
</context>
<context>
    <name>RecordPointsDialog</name>
    <message>
        <source>Record points</source>
        <translation>记分</translation>
    </message>
    <message>
        <source>Choose an item from the list.</source>
        <translation>请在上面的列表中选择积分项目。</translation>
    </message>
    <message>
        <source> time(s)</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>For example: cleaned the village square</source>
        <translation>例如：参加村广场卫生清扫</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>How many times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <source>1. Which item</source>
        <translation>第一步：选择积分项目</translation>
    </message>
    <message>
        <source>2. For which members</source>
        <translation>第二步：勾选党员</translation>
    </message>
    <message>
        <source>3. Check what will be recorded, then save</source>
        <translation>第三步：核对将要记入的积分，然后保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记分</translation>
    </message>
    <message>
        <source>{0}: {1} points each time, {2}.</source>
        <translation>{0}：每次 {1} 分，{2}。</translation>
    </message>
    <message>
        <source>This item does not apply to {0}; they were unticked.</source>
        <translation>{0} 不参与此项，已自动取消勾选。</translation>
    </message>
    <message>
        <source>Choose an item on the left first.</source>
        <translation>请先在左边选择积分项目。</translation>
    </message>
    <message>
        <source>{0} entries will be added to the ledger, {1} points in all.</source>
        <translation>将在台账中新增 {0} 条记录，合计 {1} 分。</translation>
    </message>
    <message>
        <source>Nothing will be recorded yet.</source>
        <translation>还没有要记入的积分。</translation>
    </message>
    <message>
        <source>Record for {0} people</source>
        <translation>给 {0} 人记分</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The records cannot be opened</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>The database file is damaged.</source>
        <translation>数据库文件已损坏。</translation>
    </message>
    <message>
        <source>The latest backup was made on {0}. It holds {1} members, {2} meetings and {3} points entries. Anything entered after it must be entered again.</source>
        <translation>最近一次备份制作于 {0}，其中有党员 {1} 名、会议 {2} 次、积分记录 {3} 条。备份之后录入的内容需要重新录入。</translation>
    </message>
    <message>
        <source>No backup was found beside the database. If you have a copy on a USB stick, choose it.</source>
        <translation>在数据库旁边没有找到备份。如果 U 盘上有备份，请选择它。</translation>
    </message>
    <message>
        <source>The damaged file is kept under another name; nothing is deleted.</source>
        <translation>损坏的文件会改名保留，不会删除任何文件。</translation>
    </message>
    <message>
        <source>Restore the latest backup</source>
        <translation>恢复最近的备份</translation>
    </message>
    <message>
        <source>Choose another backup…</source>
        <translation>选择其他备份…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>选择要恢复的备份</translation>
    </message>
    <message>
        <source>Dangjian backup (*.db);;All files (*)</source>
        <translation>党建通备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>The records were restored from the backup.
The damaged file is kept as:
{0}</source>
        <translation>已从备份恢复数据。
损坏的文件保留为：
{0}</translation>
    </message>
</context>
<context>
    <name>RedFlagsTab</name>
    <message>
        <source>Both halves</source>
        <translation>全年</translation>
    </message>
    <message>
        <source>Show revoked flags</source>
        <translation>显示已撤销的红旗</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Half-year</source>
        <translation>半年</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>红旗类型</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Awarded on</source>
        <translation>授旗日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note or reason</source>
        <translation>备注或撤销原因</translation>
    </message>
    <message>
        <source>Award flags…</source>
        <translation>授予红旗…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Add a flag type…</source>
        <translation>新增红旗类型…</translation>
    </message>
    <message>
        <source>Red flags are awarded per half-year and flag type. A revoked flag stays in the list with its reason (tick “Show revoked flags”).</source>
        <translation>红旗按半年、按类型授予。撤销的红旗连同原因保留在列表中（勾选“显示已撤销的红旗”即可查看）。</translation>
    </message>
    <message>
        <source>Name of the new flag type:</source>
        <translation>新红旗类型的名称：</translation>
    </message>
    <message>
        <source>%1: %2 red-flag village(s)</source>
        <translation>%1 年度红旗村 %2 个</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销红旗</translation>
    </message>
    <message>
        <source>Choose a flag in force in the table first.</source>
        <translation>请先在表格中选择一面有效的红旗。</translation>
    </message>
    <message>
        <source>Add a flag type</source>
        <translation>新增红旗类型</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>Town / village</source>
        <translation>镇 / 村</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村数</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Laptops</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Days silent</source>
        <translation>未联系天数</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>待导入修改</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Add town…</source>
        <translation>新增镇…</translation>
    </message>
    <message>
        <source>Rename town…</source>
        <translation>镇改名…</translation>
    </message>
    <message>
        <source>Rename village…</source>
        <translation>村改名…</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Towns and villages</source>
        <translation>村镇管理</translation>
    </message>
    <message>
        <source>(no town)</source>
        <translation>（未分镇）</translation>
    </message>
    <message>
        <source>%1 village(s) registered</source>
        <translation>已登记 %1 个村</translation>
    </message>
    <message>
        <source>; %1 sent nothing for more than 45 days (red)</source>
        <translation>；其中 %1 个村超过 45 天没有数据包（红色）</translation>
    </message>
    <message>
        <source>Add town</source>
        <translation>新增镇（街道）</translation>
    </message>
    <message>
        <source>Name of the town or street office:</source>
        <translation>镇（街道）名称：</translation>
    </message>
    <message>
        <source>Rename town</source>
        <translation>镇改名</translation>
    </message>
    <message>
        <source>Choose a town in the tree first.</source>
        <translation>请先在左边选一个镇（街道）。</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Rename village</source>
        <translation>村改名</translation>
    </message>
    <message>
        <source>Choose a village in the table first.</source>
        <translation>请先在表中选一个村。</translation>
    </message>
    <message>
        <source>Import towns and villages</source>
        <translation>导入村镇名单</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Checking the list…</source>
        <translation>正在检查名单…</translation>
    </message>
    <message>
        <source>New villages: %1, changed: %2, unchanged: %3, rows refused: %4</source>
        <translation>新增 %1 个村，更新 %2 个，未变 %3 个，拒绝 %4 行</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <source>The district's annual statistics from the bundles the villages sent: training, star ratings, member structure, meetings, points and village indicators, by town. The PDF has the summary text, tables and charts; the Excel workbook has every table on its own sheet and a sheet per village.</source>
        <translation>根据各村报送的数据包汇总全区年度统计：教育培训、星级评定、党员队伍结构、会议开展、党员积分和村级指标，按镇（街道）列表。PDF 含综述、统计表和图表；Excel 工作簿每项统计一张工作表，另有各村明细表。</translation>
    </message>
    <message>
        <source>Make PDF</source>
        <translation>生成 PDF</translation>
    </message>
    <message>
        <source>Make the report for the chosen year and show it</source>
        <translation>按所选年度生成报告并预览</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>District annual report</source>
        <translation>区级年度统计报告</translation>
    </message>
    <message>
        <source>Choose a year and press “Make PDF”.</source>
        <translation>请选择年度，然后按“生成 PDF”。</translation>
    </message>
    <message>
        <source>The records changed. Press “Make PDF” to make the report again.</source>
        <translation>数据已有变动。按“生成 PDF”重新生成报告。</translation>
    </message>
    <message>
        <source>Press “Make PDF” to make the report for {0}.</source>
        <translation>按“生成 PDF”生成 {0} 年度报告。</translation>
    </message>
    <message>
        <source>Making the report for {0}…</source>
        <translation>正在生成 {0} 年度报告…</translation>
    </message>
    <message>
        <source>Making the district report</source>
        <translation>正在生成区级统计报告</translation>
    </message>
    <message>
        <source>Cancelled. Press “Make PDF” to make the report again.</source>
        <translation>已取消。按“生成 PDF”重新生成报告。</translation>
    </message>
    <message>
        <source>The report for {0} has {1} pages.</source>
        <translation>{0} 年度报告共 {1} 页。</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>报告未能生成。</translation>
    </message>
    <message>
        <source>Save the report as a PDF file</source>
        <translation>把报告保存为 PDF 文件</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <source>Sent {0} of {1} pages to the printer.</source>
        <translation>已向打印机发送 {1} 页中的 {0} 页。</translation>
    </message>
    <message>
        <source>Export the report's tables to Excel</source>
        <translation>把报告的统计表导出为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the district report</source>
        <translation>正在导出区级统计报告</translation>
    </message>
</context>
<context>
    <name>ResetCodeDialog</name>
    <message>
        <source>Reset the password with a code from the district</source>
        <translation>用区里发的重置码设置新密码</translation>
    </message>
    <message>
        <source>If no one here can set a new password for you, ask the district office for a reset code for your account. The district reads the code to you and sends it with this village's next return bundle: import that bundle first (the button below works without logging in). A code works once and expires after 14 days.</source>
        <translation>如果村里没有人能为您重设密码，请向区里索取您账户的重置码。区里会在电话中把重置码念给您，并随本村下一个回执包发来：请先导入这个回执包（下面的按钮不用登录也能用）。重置码只能用一次，14 天后失效。</translation>
    </message>
    <message>
        <source>10 digits, e.g. 123-456-7890</source>
        <translation>10 位数字，如 123-456-7890</translation>
    </message>
    <message>
        <source>Reset code</source>
        <translation>重置码</translation>
    </message>
    <message>
        <source>Import the return bundle…</source>
        <translation>导入回执包…</translation>
    </message>
    <message>
        <source>Return bundle from the district</source>
        <translation>区里发来的回执包</translation>
    </message>
    <message>
        <source>Bundles (*.djb)</source>
        <translation>数据包 (*.djb)</translation>
    </message>
    <message>
        <source>Return bundle</source>
        <translation>回执包</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Please check that this is the backup you want.</source>
        <translation>请核对：这是不是您要恢复的备份？</translation>
    </message>
    <message>
        <source>File: {0} ({1}), saved {2}</source>
        <translation>文件：{0}（{1}），保存于 {2}</translation>
    </message>
    <message>
        <source>Now in the program</source>
        <translation>程序中现有</translation>
    </message>
    <message>
        <source>In the backup</source>
        <translation>备份中</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村党组织</translation>
    </message>
    <message>
        <source>Members on the roster</source>
        <translation>在册党员</translation>
    </message>
    <message>
        <source>Meetings and trainings</source>
        <translation>会议和培训</translation>
    </message>
    <message>
        <source>Points entries</source>
        <translation>积分记录</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最后修改时间</translation>
    </message>
    <message>
        <source>Restoring replaces all the records now in the program with the ones in the backup. Anything entered after the backup's last change will no longer be in the program. A safety copy of the records as they are now is saved first, so you can go back to it by restoring that copy.</source>
        <translation>恢复后，程序中现有的全部台账将换成备份里的内容，备份最后修改时间之后录入的内容将不在程序中。恢复前会先把现有数据另存一份安全副本，需要时可以再恢复那份副本。</translation>
    </message>
    <message>
        <source>This backup was made by an older version of the program; it is brought up to date after restoring.</source>
        <translation>这份备份由旧版本的党建通制作，恢复后会自动升级。</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Levels: {0}</source>
        <translation>评星标准：{0}</translation>
    </message>
    <message>
        <source>out of {0} points</source>
        <translation>满分 {0} 分</translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation>{0} 分</translation>
    </message>
    <message>
        <source>Vetoed: no star this year</source>
        <translation>一票否决：本年度不评星</translation>
    </message>
    <message>
        <source>Level: {0} stars</source>
        <translation>{0} 星级</translation>
    </message>
    <message>
        <source>Veto item: {0}</source>
        <translation>一票否决项：{0}</translation>
    </message>
    <message>
        <source> and others</source>
        <translation> 等</translation>
    </message>
    <message>
        <source>{0} items not scored yet (counted as 0): {1}{2}</source>
        <translation>还有 {0} 项未评分（按 0 分计）：{1}{2}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return for correction — %1 %2</source>
        <translation>退回修改 — %1 %2 年度</translation>
    </message>
    <message>
        <source>The self-assessment goes back to the village with the next return bundle. The village corrects it and submits it again; the review then starts again at the town.</source>
        <translation>自评将随下一个回执包退回村里。村里修改后重新提交，审核从镇级初审重新开始。</translation>
    </message>
    <message>
        <source>Reasons (required): what the village should correct or add</source>
        <translation>退回原因（必填）：村里需要修改或补充什么</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Village's score</source>
        <translation>村自评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Return to the village</source>
        <translation>退回村里</translation>
    </message>
    <message>
        <source>Comments on single items (optional):</source>
        <translation>对单项的意见（可不填）：</translation>
    </message>
</context>
<context>
    <name>ReverseEntryDialog</name>
    <message>
        <source>Reverse a ledger entry</source>
        <translation>冲销积分记录</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The entry stays in the ledger. A new entry of {0} points is added that cancels it, so everyone can see what was corrected and why.</source>
        <translation>原记录不会删除，仍留在台账中。系统另记一条 {0} 分的冲销记录把它抵消，谁都能看到改了什么、为什么改。</translation>
    </message>
    <message>
        <source>These points came from a meeting's attendance. If the attendance itself is wrong, correct it on the Meetings page instead: the points are corrected with it.</source>
        <translation>这条积分是会议考勤自动记的。如果是考勤记错了，请到“会议培训”页改正考勤，积分会跟着自动更正。</translation>
    </message>
    <message>
        <source>Why is it reversed? For example: recorded twice</source>
        <translation>为什么冲销？例如：重复记分</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>冲销原因（必须填写）</translation>
    </message>
    <message>
        <source>Recorded twice</source>
        <translation>重复记分</translation>
    </message>
    <message>
        <source>Wrong member</source>
        <translation>记错了人</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>记错了项目</translation>
    </message>
    <message>
        <source>Wrong date</source>
        <translation>记错了日期</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>冲销</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>%1's score</source>
        <translation>%1得分</translation>
    </message>
    <message>
        <source>Last review</source>
        <translation>上次审核</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>评分项</translation>
    </message>
    <message>
        <source>Full marks</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Village's score</source>
        <translation>村自评</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>审核得分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Veto items</source>
        <translation>一票否决项</translation>
    </message>
    <message>
        <source>Overall comment (the village reads it)</source>
        <translation>总体意见（村里会看到）</translation>
    </message>
    <message>
        <source>Save review</source>
        <translation>保存审核</translation>
    </message>
    <message>
        <source>Total %1 points: %2</source>
        <translation>合计 %1 分：%2</translation>
    </message>
</context>
<context>
    <name>ReviewResultsBox</name>
    <message>
        <source>District review results</source>
        <translation>区里的审核结果</translation>
    </message>
    <message>
        <source>Red flags</source>
        <translation>红旗村</translation>
    </message>
    <message>
        <source> (revoked: %1)</source>
        <translation>（已撤销：%1）</translation>
    </message>
    <message>
        <source>No results yet: they arrive with the district's return bundle after the town and the district have reviewed the submitted self-assessment.</source>
        <translation>还没有结果：镇里初审、区里审核后，结果随区里的回执包送到本村。</translation>
    </message>
    <message>
        <source>Submit the self-assessment first.</source>
        <translation>请先提交自评。</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <source>District office</source>
        <translation>区里</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>全部环节</translation>
    </message>
    <message>
        <source>Reviewer's name</source>
        <translation>审核人姓名</translation>
    </message>
    <message>
        <source>Find a village or town</source>
        <translation>查找村或镇</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Self score</source>
        <translation>自评分</translation>
    </message>
    <message>
        <source>Reviewed score</source>
        <translation>审核分</translation>
    </message>
    <message>
        <source>Stars</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审核…</translation>
    </message>
    <message>
        <source>Return for correction…</source>
        <translation>退回修改…</translation>
    </message>
    <message>
        <source>Start publicity…</source>
        <translation>开始公示…</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>命名</translation>
    </message>
    <message>
        <source>Star reviews</source>
        <translation>星级审核</translation>
    </message>
    <message>
        <source>Red-flag villages</source>
        <translation>红旗村</translation>
    </message>
    <message>
        <source>Reviewing as</source>
        <translation>审核身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Star rating review</source>
        <translation>星级审核</translation>
    </message>
    <message>
        <source>Type the reviewer's name first.</source>
        <translation>请先填写审核人姓名。</translation>
    </message>
    <message>
        <source>Town reviewer: %1</source>
        <translation>镇级审核人：%1</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <source>Reviewing as %1 (town reviewer of %2)</source>
        <translation>审核人：%1（%2镇级审核人）</translation>
    </message>
    <message>
        <source>Reviewing as %1 (district office)</source>
        <translation>审核人：%1（区里）</translation>
    </message>
    <message>
        <source>%1 self-assessment(s) shown. Choose one to see its history.</source>
        <translation>共 %1 份自评。选中一份可查看审核经过。</translation>
    </message>
    <message>
        <source>%1 quota for %2: %3 awarded of %4 allowed, %5 left (%6)</source>
        <translation>%2 年度%1名额：已命名 %3 个，上限 %4 个，还可命名 %5 个（%6）</translation>
    </message>
    <message>
        <source>No star level is capped.</source>
        <translation>各星级均无名额限制。</translation>
    </message>
    <message>
        <source>Round %1: resubmitted after correction</source>
        <translation>第 %1 轮：修改后重新提交</translation>
    </message>
    <message>
        <source>Last year: %1 star(s)</source>
        <translation>上年：%1 星</translation>
    </message>
    <message>
        <source>Village self-assessment: %1 points, signed by %2</source>
        <translation>村级自评：%1 分，签名 %2</translation>
    </message>
    <message>
        <source>Town review first, then the district's review, publicity and award. Either may return a self-assessment to the village for correction. Results reach each village in its next return bundle.</source>
        <translation>先由镇级初审，再由区里审核、公示、命名。镇和区都可以把自评退回村里修改。审核结果随下一个回执包送到各村。</translation>
    </message>
    <message>
        <source>Choose a self-assessment in the table first.</source>
        <translation>请先在表中选一份自评。</translation>
    </message>
    <message>
        <source>Town initial review</source>
        <translation>镇级初审</translation>
    </message>
    <message>
        <source>District review</source>
        <translation>区级审核</translation>
    </message>
</context>
<context>
    <name>RevokeFlagDialog</name>
    <message>
        <source>Revoke a red flag</source>
        <translation>撤销红旗</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>撤销原因（必填）</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>红旗</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Revoked on</source>
        <translation>撤销日期</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of {0}</source>
        <translation>{0} 的角色</translation>
    </message>
    <message>
        <source>The role decides what the account may do; at the district a reviewer may be bound to one town. It applies from the next login.</source>
        <translation>角色决定这个账户能做什么；区里的审核人可以指定只审核某个镇（街道）。下次登录时生效。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>所在党支部</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Party post</source>
        <translation>党内职务</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Flowing / out of contact</source>
        <translation>流动/失联</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Flowing</source>
        <translation>流动</translation>
    </message>
    <message>
        <source>Out of contact</source>
        <translation>失联</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>RuleItemModel</name>
    <message>
        <source>Item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Points each time</source>
        <translation>每次分值</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>base {0}</source>
        <translation>基础分 {0}</translation>
    </message>
</context>
<context>
    <name>RulebookTab</name>
    <message>
        <source>Version {0}, in force from {1}. Issued by the district; it cannot be changed here.</source>
        <translation>版本 {0}，自 {1} 起执行。积分细则由区里统一下发，这里不能修改。</translation>
    </message>
    <message>
        <source>Each year's points start on the 1st of month {0}. Total = base points − deductions + bonuses; each category's base points go down to zero at most.</source>
        <translation>每年的积分从 {0} 月 1 日起算。总分 = 基础分 − 扣分 + 加分；每一类基础分扣完为止。</translation>
    </message>
    <message>
        <source>Categories and base points</source>
        <translation>积分类别和基础分</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Base points</source>
        <translation>基础分</translation>
    </message>
    <message>
        <source>In all</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>加分</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>加分/扣分</translation>
    </message>
    <message>
        <source>Points each time</source>
        <translation>每次分值</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Bonuses count up to {0} points a year in all.</source>
        <translation>全年加分合计最多 {0} 分。</translation>
    </message>
    <message>
        <source>Bonuses have no yearly limit in all.</source>
        <translation>全年加分合计不设上限。</translation>
    </message>
    <message>
        <source>Points posted from meeting attendance</source>
        <translation>会议考勤自动记分</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤情况</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Any other meeting</source>
        <translation>其他各类会议</translation>
    </message>
    <message>
        <source>Member classes and the items they are spared</source>
        <translation>党员类别及不参与的项目</translation>
    </message>
    <message>
        <source>Member class</source>
        <translation>党员类别</translation>
    </message>
    <message>
        <source>Spared items</source>
        <translation>不参与的项目</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Member stars by yearly total</source>
        <translation>党员星级（按全年总分）</translation>
    </message>
    <message>
        <source>Yearly total</source>
        <translation>全年总分</translation>
    </message>
    <message>
        <source>Member star</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>{0} or more</source>
        <translation>{0} 分及以上</translation>
    </message>
    <message>
        <source>Grades (民主评议)</source>
        <translation>民主评议等次</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <source>At most {0} of the members may be graded excellent (优秀).</source>
        <translation>评为“优秀”的不超过党员人数的{0}。</translation>
    </message>
    <message>
        <source>Probationary members</source>
        <translation>预备党员</translation>
    </message>
    <message>
        <source>{0} or more: full membership on time; {1} to below {0}: probation extended; below {1}: probation ends.</source>
        <translation>{0} 分及以上：按期转正；{1} 分至 {0} 分以下：延长预备期；{1} 分以下：取消预备党员资格。</translation>
    </message>
</context>
<context>
    <name>RulesBox</name>
    <message>
        <source>Rules in force</source>
        <translation>正在使用的规则</translation>
    </message>
    <message>
        <source>The district office issues these rules; new versions arrive with its data packages. They cannot be changed here.</source>
        <translation>这些规则由区里统一下发，新版本随区里的数据包一起到来，在这里不能修改。</translation>
    </message>
    <message>
        <source>Points rulebook</source>
        <translation>党员积分细则</translation>
    </message>
    <message>
        <source>Star rating criteria</source>
        <translation>星级评定标准</translation>
    </message>
    <message>
        <source>Meeting types and study hours</source>
        <translation>会议类型与学时标准</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>校验码</translation>
    </message>
    <message>
        <source>SHA-256: {0}</source>
        <translation>SHA-256 校验码：{0}</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Import a new version…</source>
        <translation>导入新版本…</translation>
    </message>
    <message>
        <source>Export for editing…</source>
        <translation>导出以便修改…</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>A points rulebook or star criteria file (.json) is checked and compared with the version in force before it is issued. Villages receive it in their next return bundle; a year already scored keeps its version.</source>
        <translation>积分细则或星级评定标准文件（.json）先经检查，并与现行版本比较，确认后再下发。各村随下一个回执包收到；已经记分的年度仍按原版本计算。</translation>
    </message>
    <message>
        <source>Import rules</source>
        <translation>导入规则</translation>
    </message>
    <message>
        <source>Rule files (*.json)</source>
        <translation>规则文件 (*.json)</translation>
    </message>
    <message>
        <source>Choose a rulebook or criteria row first.</source>
        <translation>请先在表中选积分细则或评定标准。</translation>
    </message>
    <message>
        <source>Export rules</source>
        <translation>导出规则</translation>
    </message>
</context>
<context>
    <name>ScoreSpinBox</name>
    <message>
        <source>not scored</source>
        <translation>未评分</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <source>Hide everything until someone logs in again</source>
        <translation>隐藏所有内容，直到有人重新登录</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>About…</source>
        <translation>关于…</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Welcome to Dangjian</source>
        <translation>欢迎使用党建通</translation>
    </message>
    <message>
        <source>This computer has no village records yet. Create your village, or open a demo village to look around first.</source>
        <translation>这台电脑上还没有本村的台账。请建立本村的台账，或者先打开示范村看一看。</translation>
    </message>
    <message>
        <source>Create my village</source>
        <translation>建立本村台账</translation>
    </message>
    <message>
        <source>Open a demo village (made-up data)</source>
        <translation>打开示范村（虚构数据）</translation>
    </message>
    <message>
        <source>letters and digits, e.g. DZC</source>
        <translation>字母和数字，如 DZC</translation>
    </message>
    <message>
        <source>e.g. Dongzhuang Village Party Branch</source>
        <translation>如：东庄村党支部</translation>
    </message>
    <message>
        <source>12 digits; leave empty if unknown</source>
        <translation>12 位数字；不清楚可以不填</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>村代码</translation>
    </message>
    <message>
        <source>Statistics area code</source>
        <translation>统计用区划代码</translation>
    </message>
    <message>
        <source>The demo village is for practice; create your own village when you are ready.</source>
        <translation>示范村只供练习；准备好以后再建立本村台账。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Party organisation name</source>
        <translation>村党组织名称</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>所属镇（街道）</translation>
    </message>
</context>
<context>
    <name>SigninScopeField</name>
    <message>
        <source>Before the meeting: a blank sheet for everyone to sign</source>
        <translation>会前：空白签到表，到会时签名</translation>
    </message>
    <message>
        <source>After the meeting: the attendance as recorded</source>
        <translation>会后：按已登记的出勤情况打印</translation>
    </message>
    <message>
        <source>Not entered yet: fill in by hand</source>
        <translation>还没登记的会议（会议名称、时间手写）</translation>
    </message>
</context>
<context>
    <name>StageDialog</name>
    <message>
        <source>Next stage for {0}</source>
        <translation>{0}：转入下一阶段</translation>
    </message>
    <message>
        <source>{0}: from {1} to {2}</source>
        <translation>{0}：由{1}转为{2}</translation>
    </message>
    <message>
        <source>Joined the Party on</source>
        <translation>加入党组织日期</translation>
    </message>
    <message>
        <source>Full member since</source>
        <translation>转为正式党员日期</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>StarsPage</name>
    <message>
        <source>Star rating self-assessment</source>
        <translation>星级评定自评</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>自评结果</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Submit…</source>
        <translation>提交自评…</translation>
    </message>
    <message>
        <source>Use all suggestions for empty items</source>
        <translation>未评分的项目全部采用数据建议</translation>
    </message>
    <message>
        <source>Early warnings from the records today</source>
        <translation>软弱涣散预警（按目前数据）</translation>
    </message>
    <message>
        <source>Star rating</source>
        <translation>星级评定</translation>
    </message>
    <message>
        <source>None of the early-warning signs shows in the records.</source>
        <translation>目前数据中没有发现软弱涣散的情况。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Returned for correction&lt;/b&gt; — {0} returned the {1} self-assessment on {2}: {3}&lt;br&gt;Correct it, save, and submit it again.</source>
        <translation>&lt;b&gt;已退回修改&lt;/b&gt; — {0} 于 {2} 退回了 {1} 年度的自评：{3}&lt;br&gt;请修改、保存后重新提交。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Submitted&lt;/b&gt; — the {0} self-assessment was signed by {1} and submitted on {2}. It is locked for the town's review and can only be viewed here.</source>
        <translation>&lt;b&gt;已提交&lt;/b&gt; — {0} 年度自评已由 {1} 签名，于 {2} 提交。表单已锁定，等待镇党委初审，这里只能查看。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Draft&lt;/b&gt; — the {0} self-assessment is not submitted yet. Save as often as you like; submit when every item is scored.</source>
        <translation>&lt;b&gt;草稿&lt;/b&gt; — {0} 年度自评还没有提交。可以随时保存；每一项都评分后再提交。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Not started&lt;/b&gt; — nothing is saved for {0} yet. Score each item, or take the suggestions from the records, then save.</source>
        <translation>&lt;b&gt;未开始&lt;/b&gt; — {0} 年度还没有保存过自评。请逐项评分，或采用数据建议，然后保存。</translation>
    </message>
    <message>
        <source>You have changes that are not saved yet.</source>
        <translation>有修改还没有保存。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>The {0} self-assessment has changes that are not saved. Save them first?</source>
        <translation>{0} 年度自评有修改还没有保存。要先保存吗？</translation>
    </message>
    <message>
        <source>Not every item is scored</source>
        <translation>还有项目没有评分</translation>
    </message>
    <message>
        <source>Score every item before submitting. Not scored yet: {0}</source>
        <translation>请给每一项评分后再提交。还没有评分的：{0}</translation>
    </message>
    <message>
        <source>{0} points, {1}</source>
        <translation>{0} 分，{1}</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change {0}'s status</source>
        <translation>变更 {0} 的状态</translation>
    </message>
    <message>
        <source>{0} is now: {1}</source>
        <translation>{0} 现在的状态：{1}</translation>
    </message>
    <message>
        <source>where to, or why (required for 出党 and 除名)</source>
        <translation>转到哪里，或原因（出党、除名必须填写）</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>改为</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>确定变更</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This status is final and cannot be changed any more.</source>
        <translation>这个状态不能再变更。</translation>
    </message>
    <message>
        <source>Members are never deleted: the record stays, with its points and meetings, and only the status changes. A member transferred out can be brought back later.</source>
        <translation>党员不会被删除：记录连同积分和会议都保留，只改变状态。转出的党员以后可以转回“在册”。</translation>
    </message>
    <message>
        <source>Choose the new status</source>
        <translation>请选择新的状态</translation>
    </message>
</context>
<context>
    <name>StudyHoursModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>党支部</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>党小组</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>党内职务</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>已学学时</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>应达学时</translation>
    </message>
    <message>
        <source>Still short</source>
        <translation>还差</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Below the floor</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>达标</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Submit the {0} self-assessment</source>
        <translation>提交 {0} 年度自评</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;&lt;br&gt;After submitting, the {1} self-assessment is locked: nobody can change it here any more, and it goes to the town Party committee for review with the next data exchange.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;&lt;br&gt;提交后，{1} 年度自评将被锁定，在本机不能再修改，并随下一次数据交换报镇党委初审。</translation>
    </message>
    <message>
        <source>Secretary's full name</source>
        <translation>书记姓名</translation>
    </message>
    <message>
        <source>Sign and submit</source>
        <translation>签名并提交</translation>
    </message>
    <message>
        <source>Signed by the branch secretary:</source>
        <translation>党组织书记签名：</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Saved {0} rows to {1}</source>
        <translation>已把 {0} 行保存到 {1}</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Sessions</source>
        <translation>培训期数</translation>
    </message>
    <message>
        <source>Attendances (one person at one session)</source>
        <translation>参训人次</translation>
    </message>
    <message>
        <source>Study hours in total</source>
        <translation>总学时</translation>
    </message>
    <message>
        <source>Members below the floor</source>
        <translation>学时未达标人数</translation>
    </message>
    <message>
        <source>Every member needs at least {0} study hours a year, secretaries and committee members {1}. Hours count for those present at: {2}.</source>
        <translation>党员每年学习不少于 {0} 学时，书记和支委会成员不少于 {1} 学时。出席以下活动计学时：{2}。</translation>
    </message>
    <message>
        <source>Show only members below the floor</source>
        <translation>只看学时未达标的党员</translation>
    </message>
    <message>
        <source>Find a name (pinyin initials work: zs)</source>
        <translation>查找姓名（可用拼音首字母，如 zs）</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Study hours {0}</source>
        <translation>{0} 年党员学习学时</translation>
    </message>
</context>
<context>
    <name>VillageInfoBox</name>
    <message>
        <source>Village information</source>
        <translation>本村信息</translation>
    </message>
    <message>
        <source>letters and digits, e.g. DZC</source>
        <translation>字母和数字，如 DZC</translation>
    </message>
    <message>
        <source>12 digits; leave empty if unknown</source>
        <translation>12 位数字；不清楚可以不填</translation>
    </message>
    <message>
        <source>Party organisation name</source>
        <translation>村党组织名称</translation>
    </message>
    <message>
        <source>Village code</source>
        <translation>村代码</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>所属镇（街道）</translation>
    </message>
    <message>
        <source>Statistics area code</source>
        <translation>统计用区划代码</translation>
    </message>
    <message>
        <source>The district office knows the village by these. Change them only to correct a mistake or after an official renaming.</source>
        <translation>区里按这些信息识别本村。只有填错了或正式更名后才需要修改。</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
</context>
<context>
    <name>WithdrawMeetingDialog</name>
    <message>
        <source>Withdraw a meeting record</source>
        <translation>撤销会议登记</translation>
    </message>
    <message>
        <source>Withdraw &lt;b&gt;{0} {1}&lt;/b&gt; ({2})?</source>
        <translation>撤销 &lt;b&gt;{0} {1}&lt;/b&gt;（{2}）的登记吗？</translation>
    </message>
    <message>
        <source>Use this only for a meeting entered by mistake. The points its attendance recorded are cancelled by reversing entries in the points ledger; the record and the reason stay in the change history.</source>
        <translation>只在会议登记错了时使用。这次会议考勤记的积分会在积分台账中冲销；会议记录和撤销原因都保留在修改记录里。</translation>
    </message>
    <message>
        <source>Why? e.g. entered twice</source>
        <translation>原因，如：重复登记</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤销登记</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
</context>
<context>
    <name>YearField</name>
    <message>
        <source>Year {0}</source>
        <translation>{0} 年度</translation>
    </message>
</context>
<context>
    <name>_ForgotDialog</name>
    <message>
        <source>Account name</source>
        <translation>账户名</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再输一次新密码</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Whole district</source>
        <translation>全区（不限镇）</translation>
    </message>
    <message>
        <source>Reviews the villages of</source>
        <translation>审核范围</translation>
    </message>
    <message>
        <source>A reviewer bound to a town reviews only that town's villages</source>
        <translation>指定了镇（街道）的审核人只审核该镇的村</translation>
    </message>
</context>
</TS>