<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>HomePage</name>
    <message>
        <source>home</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>meetings</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>members</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>points</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>settings</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Welcome to Dangjian</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer has no village records yet. Create your village, or open a demo village to look around first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create my village</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open a demo village (made-up data)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>letters and digits, e.g. DZC</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Dongzhuang Village Party Branch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Village code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Party organisation name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Town</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StarsPage</name>
    <message>
        <source>stars</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>