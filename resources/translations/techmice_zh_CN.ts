<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>App</name>
        <message>
            <location filename="../../desktop_app/app.py" line="162" />
            <source>Something unexpected went wrong. Your work is kept where possible. If it happens again, send the log file to support:
{log}</source>
            <translation>发生了意外错误。已尽可能保留您的工作。如果再次出现，请将日志文件发送给技术支持：
{log}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/app.py" line="169" />
            <source>TechMICE Desktop</source>
            <translation>TechMICE 桌面版</translation>
        </message>
    </context>
    <context>
        <name>AppView</name>
        <message>
            <location filename="../../desktop_app/web/view.py" line="138" />
            <source>Back</source>
            <translation>后退</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="142" />
            <source>Reload</source>
            <translation>重新加载</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="146" />
            <source>Open in browser</source>
            <translation>在浏览器中打开</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="147" />
            <source>Open this page in your web browser</source>
            <translation>在您的网页浏览器中打开此页</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="349" />
            <source>The page stopped unexpectedly.</source>
            <translation>页面意外停止。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="359" />
            <source>Opened in your web browser: {host}</source>
            <translation>已在浏览器中打开：{host}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="364" />
            <source>Downloads are not available in the app view. Use “Open in browser” to download.</source>
            <translation>应用视图中无法下载。请使用“在浏览器中打开”进行下载。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="373" />
            <source>The server's security certificate is not valid, so the connection was stopped to protect your account.</source>
            <translation>服务器的安全证书无效，为保护您的账号，连接已中止。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="376" />
            <source>The server's address could not be found. Check your network connection.</source>
            <translation>找不到服务器地址，请检查网络连接。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="378" />
            <source>The 会引擎 app could not be reached. Check your network connection and retry.</source>
            <translation>无法连接会引擎应用，请检查网络连接后重试。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="386" />
            <source>Cannot open the page</source>
            <translation>无法打开页面</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="389" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../desktop_app/web/view.py" line="392" />
            <source>en</source>
            <comment>BCP 47 tag of the UI language</comment>
            <translation>zh-CN</translation>
        </message>
    </context>
    <context>
        <name>DropZone</name>
        <message>
            <location filename="../../desktop_app/ui/drop_zone.py" line="96" />
            <source>Drop employee, restaurant, hospital, car fleet or hotel lists here</source>
            <translation>将员工、餐厅、医院、车队或酒店名单拖放到这里</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/drop_zone.py" line="97" />
            <source>Excel or CSV files (.xlsx .xls .csv), several at once, or choose them:</source>
            <translation>Excel 或 CSV 文件（.xlsx .xls .csv），可一次拖放多个，或点击选择：</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/drop_zone.py" line="98" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/drop_zone.py" line="110" />
            <source>Choose lists to import</source>
            <translation>选择要导入的名单</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/drop_zone.py" line="112" />
            <source>Lists (*.xlsx *.xls *.csv)</source>
            <translation>名单文件 (*.xlsx *.xls *.csv)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/drop_zone.py" line="112" />
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
    </context>
    <context>
        <name>EngineAppPage</name>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="72" />
            <source>会引擎 App</source>
            <translation>会引擎应用</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="81" />
            <source>Open app</source>
            <translation>打开应用</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="92" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="263" />
            <source>The app could not be opened.</source>
            <translation>无法打开应用。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="284" />
            <source>The gateway sent an app address this app does not trust, so it was not opened.</source>
            <translation>会引擎返回的应用地址不受信任，因此未打开。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="290" />
            <source>The app view could not be started.</source>
            <translation>无法启动应用视图。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="321" />
            <source>The 会引擎 H5 app opens here, already signed in as you.</source>
            <translation>会引擎 H5 应用将在此打开，并已使用您的身份登录。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="323" />
            <source>Sign in to open the 会引擎 app.</source>
            <translation>登录后即可打开会引擎应用。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="331" />
            <source>Opening the 会引擎 app…</source>
            <translation>正在打开会引擎应用…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/app_page.py" line="338" />
            <source>The 会引擎 app could not be opened.</source>
            <translation>无法打开会引擎应用。</translation>
        </message>
    </context>
    <context>
        <name>EnvironmentDialog</name>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="52" />
            <source>Edit environment</source>
            <translation>编辑环境</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="52" />
            <source>Add environment</source>
            <translation>添加环境</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="92" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="93" />
            <source>Gateway address</source>
            <translation>网关地址</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="94" />
            <source>Enterprise ID (ent_id)</source>
            <translation>企业编号 (ent_id)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="95" />
            <source>Client ID</source>
            <translation>应用 ID</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="96" />
            <source>Signature scheme</source>
            <translation>签名方式</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="97" />
            <source>Import field name</source>
            <translation>导入文件字段名</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="98" />
            <source>Allowed host suffixes</source>
            <translation>允许的主机后缀</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="127" />
            <source>Give the environment a name.</source>
            <translation>请为环境命名。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="134" />
            <source>This environment cannot be used yet:</source>
            <translation>此环境暂时无法使用：</translation>
        </message>
    </context>
    <context>
        <name>Environments</name>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="32" />
            <source>Local sandbox</source>
            <translation>本地沙箱</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="33" />
            <source>Test</source>
            <translation>测试环境</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/environment_dialog.py" line="34" />
            <source>Production</source>
            <translation>正式环境</translation>
        </message>
    </context>
    <context>
        <name>ErrorBox</name>
        <message>
            <location filename="../../desktop_app/ui/error_box.py" line="106" />
            <source>Details</source>
            <translation>详细信息</translation>
        </message>
    </context>
    <context>
        <name>ImportHistoryTable</name>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="60" />
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="60" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="60" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="60" />
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="60" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="60" />
            <source>Message</source>
            <translation>消息</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="68" />
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="69" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="70" />
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_history.py" line="71" />
            <source>Running</source>
            <translation>进行中</translation>
        </message>
    </context>
    <context>
        <name>ImportPreview</name>
        <message>
            <location filename="../../desktop_app/ui/import_preview.py" line="42" />
            <source>Select a file in the queue to see its first rows.</source>
            <translation>在队列中选择一个文件以预览前几行。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_preview.py" line="45" />
            <source>Reading {name}…</source>
            <translation>正在读取 {name}…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_preview.py" line="52" />
            <source>{name} has no rows.</source>
            <translation>{name} 没有数据行。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_preview.py" line="56" />
            <source>{name}: the first {count} rows</source>
            <translation>{name}：前 {count} 行</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_preview.py" line="58" />
            <source>{name}: all {count} rows</source>
            <translation>{name}：全部 {count} 行</translation>
        </message>
    </context>
    <context>
        <name>ImportQueueTable</name>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="164" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="164" />
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="164" />
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="164" />
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="164" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="174" />
            <source>Choose the kind…</source>
            <translation>选择类型…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="187" />
            <source>What this list is; it decides where the gateway imports it</source>
            <translation>名单类型决定会引擎将其导入到何处</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="203" />
            <location filename="../../desktop_app/ui/import_queue.py" line="207" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="205" />
            <source>The whole file has reached the gateway; it can no longer be cancelled</source>
            <translation>文件已全部送达会引擎，无法再取消</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="210" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="213" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="215" />
            <source>Take this file off the list; the file itself is left alone</source>
            <translation>从列表中移除此文件（不会删除文件本身）</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="227" />
            <source>{sent} / {total}</source>
            <translation>{sent} / {total}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="229" />
            <source>{sent} / {total} · {speed}/s</source>
            <translation>{sent} / {total} · {speed}/秒</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="235" />
            <source>{size} in under a second</source>
            <translation>{size}，用时不到 1 秒</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="237" />
            <source>{size} in {seconds} s</source>
            <translation>{size}，用时 {seconds} 秒</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="239" />
            <source>Stopped at {sent} / {total}</source>
            <translation>停止于 {sent} / {total}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="251" />
            <source>Choose what this list is, then Upload</source>
            <translation>请选择名单类型，然后点击上传</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="252" />
            <source>Waiting for sign-in</source>
            <translation>等待登录</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="252" />
            <source>Ready to upload</source>
            <translation>可以上传</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="255" />
            <source>Already imported on {when}; uploading again imports it twice</source>
            <translation>已于 {when} 导入过；再次上传将重复导入</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="260" />
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="262" />
            <source>Sent; waiting for the gateway's answer…</source>
            <translation>已发送，正在等待会引擎应答…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="263" />
            <source>Uploading…</source>
            <translation>正在上传…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="265" />
            <source>Imported: {msg}</source>
            <translation>已导入：{msg}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="265" />
            <source>Imported</source>
            <translation>已导入</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="268" />
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="271" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/import_queue.py" line="273" />
            <source>Details: {detail}</source>
            <translation>详细信息：{detail}</translation>
        </message>
    </context>
    <context>
        <name>ImportsPage</name>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="314" />
            <source>It is already in the queue.</source>
            <translation>该文件已在队列中。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="455" />
            <source>Uploading, {done} of {total} finished</source>
            <translation>正在上传，已完成 {done}/{total}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="457" />
            <source>Ready to upload: {count}</source>
            <translation>可以上传：{count} 个</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="459" />
            <source>Choose a kind for: {count}</source>
            <translation>需选择类型：{count} 个</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="461" />
            <source>No files yet</source>
            <translation>还没有文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="475" />
            <source>Not added, nothing was uploaded for these files:</source>
            <translation>以下文件未添加，也未上传：</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="484" />
            <source>Files to import</source>
            <translation>待导入文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="485" />
            <source>Clear finished</source>
            <translation>清除已结束</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="486" />
            <source>Remove imported, failed and cancelled files from the list</source>
            <translation>从列表中移除已导入、失败和已取消的文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="487" />
            <source>Upload</source>
            <translation>上传</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="488" />
            <source>Upload the waiting files one after another</source>
            <translation>依次上传等待中的文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="489" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="492" />
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/imports_page.py" line="493" />
            <source>History</source>
            <translation>历史记录</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="94" />
            <location filename="../../desktop_app/ui/login_dialog.py" line="97" />
            <source>Sign in to 会引擎</source>
            <translation>登录会引擎</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="114" />
            <source>Add environment…</source>
            <translation>添加环境…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="116" />
            <source>Edit this environment…</source>
            <translation>编辑此环境…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="118" />
            <source>Remove this environment</source>
            <translation>删除此环境</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="121" />
            <source>Environments…</source>
            <translation>环境…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="122" />
            <source>Add or edit environments</source>
            <translation>添加或编辑环境</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="131" />
            <source>Your employee number</source>
            <translation>您的员工号</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="140" />
            <location filename="../../desktop_app/ui/login_dialog.py" line="379" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="154" />
            <source>Environment</source>
            <translation>环境</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="155" />
            <source>Enterprise ID (ent_id)</source>
            <translation>企业编号 (ent_id)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="156" />
            <source>Employee no. (员工号)</source>
            <translation>员工号</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="157" />
            <location filename="../../desktop_app/ui/login_dialog.py" line="414" />
            <source>Client ID</source>
            <translation>应用 ID</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="158" />
            <location filename="../../desktop_app/ui/login_dialog.py" line="415" />
            <source>Client secret</source>
            <translation>应用密钥</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="166" />
            <source>The local sandbox is a practice gateway on this computer. Sign in with its demo tenant: enterprise {ent_id}, client {client_id}, secret {secret}, employee no. {users}.</source>
            <translation>本地沙箱是运行在本机上的练习网关。请使用演示租户登录：企业编号 {ent_id}，应用 ID {client_id}，应用密钥 {secret}，员工号 {users}。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="173" />
            <source>Fill demo values</source>
            <translation>填入演示值</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="181" />
            <source>Remember me on this computer</source>
            <translation>在此电脑上记住我</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="188" />
            <source>Your client secret is kept in the system keychain, never in a file.</source>
            <translation>应用密钥保存在系统凭据库中，绝不写入文件。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="191" />
            <source>No system keychain found: nothing will be remembered.</source>
            <translation>未找到系统凭据库：不会记住任何登录信息。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="204" />
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="213" />
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="216" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="257" />
            <source>Something went wrong while signing in. The details below help support.</source>
            <translation>登录时出错。下方的详细信息可帮助技术支持排查。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="379" />
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="412" />
            <source>Enterprise ID</source>
            <translation>企业编号</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="413" />
            <source>Employee no.</source>
            <translation>员工号</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="418" />
            <source>Please fill in: {fields}.</source>
            <translation>请填写：{fields}。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="425" />
            <source>This environment has no usable gateway address yet. Enter it with “Environments…” → “Edit this environment…”.</source>
            <translation>此环境还没有可用的网关地址。请通过“环境…”→“编辑此环境…”填写。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/login_dialog.py" line="478" />
            <source>Sign-in cancelled.</source>
            <translation>已取消登录。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="75" />
            <location filename="../../desktop_app/ui/main_window.py" line="478" />
            <source>TechMICE Desktop</source>
            <translation>TechMICE 桌面版</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="109" />
            <location filename="../../desktop_app/ui/main_window.py" line="318" />
            <source>Meetings</source>
            <translation>会议</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="110" />
            <location filename="../../desktop_app/ui/main_window.py" line="318" />
            <source>Imports</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="111" />
            <location filename="../../desktop_app/ui/main_window.py" line="318" />
            <source>会引擎 App</source>
            <translation>会引擎应用</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="136" />
            <location filename="../../desktop_app/ui/main_window.py" line="307" />
            <source>Sign in…</source>
            <translation>登录…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="198" />
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="215" />
            <source>Your remembered sign-in could not be used. Please sign in again.</source>
            <translation>无法使用已记住的登录信息，请重新登录。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="306" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="309" />
            <source>Switch environment…</source>
            <translation>切换环境…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="311" />
            <source>Sign out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="313" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="316" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="324" />
            <source>Reload app</source>
            <translation>重新加载应用</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="326" />
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="331" />
            <source>Follow system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="339" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="340" />
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="341" />
            <location filename="../../desktop_app/ui/main_window.py" line="530" />
            <source>About TechMICE Desktop</source>
            <translation>关于 TechMICE 桌面版</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="395" />
            <source>Your session has expired. Sign in again to continue: your work is kept.</source>
            <translation>登录已过期。请重新登录以继续：您的工作已保留。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="474" />
            <source>Environment: {name}</source>
            <translation>环境：{name}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="475" />
            <source>TechMICE Desktop — {environment}</source>
            <translation>TechMICE 桌面版 — {environment}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="477" />
            <source>Environment: —</source>
            <translation>环境：—</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="480" />
            <source>Not signed in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="482" />
            <source>{user}: sign-in needed</source>
            <translation>{user}：需要重新登录</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="484" />
            <source>Signed in as {user}</source>
            <translation>已登录：{user}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="488" />
            <source>● Online</source>
            <translation>● 在线</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="491" />
            <source>● Offline</source>
            <translation>● 离线</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="494" />
            <source>Pending: {count}</source>
            <translation>待发送：{count}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="495" />
            <source>Meetings and files waiting to be sent to the gateway</source>
            <translation>等待发送到会引擎的会议和文件</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="512" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="513" />
            <source>The new language applies the next time TechMICE Desktop starts.</source>
            <translation>新语言将在下次启动 TechMICE 桌面版时生效。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/main_window.py" line="525" />
            <source>&lt;h3&gt;TechMICE Desktop {version}&lt;/h3&gt;&lt;p&gt;The planner's desktop for the 会引擎 (Meeting Engine) gateway: meetings, imports and the 会引擎 app in one window.&lt;/p&gt;&lt;p&gt;Data folder: {data}&lt;br&gt;Log file: {log}&lt;/p&gt;</source>
            <translation>&lt;h3&gt;TechMICE 桌面版 {version}&lt;/h3&gt;&lt;p&gt;会议策划人员使用会引擎网关的桌面工具：会议、导入和会引擎应用集中在一个窗口中。&lt;/p&gt;&lt;p&gt;数据文件夹：{data}&lt;br&gt;日志文件：{log}&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>MeetingEditor</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="55" />
            <source>Delete draft</source>
            <translation>删除草稿</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="57" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="77" />
            <source>Untitled meeting</source>
            <translation>未命名会议</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="77" />
            <source>New meeting</source>
            <translation>新建会议</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="87" />
            <source>Delete this draft (Delete in the list)</source>
            <translation>删除此草稿（在列表中按 Delete 键）</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="89" />
            <source>Only drafts that were never saved to the gateway can be deleted.</source>
            <translation>只能删除从未保存到会引擎的草稿。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="92" />
            <source>Sign in to save meetings.</source>
            <translation>登录后才能保存会议。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="94" />
            <source>Cannot save yet: {problems}</source>
            <translation>暂时无法保存：{problems}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="96" />
            <source>Decide above whether to push this meeting again.</source>
            <translation>请在上方决定是否再次推送此会议。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="98" />
            <source>Sending…</source>
            <translation>正在发送…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_editor.py" line="103" />
            <source>Save and send to the gateway (Ctrl+S)</source>
            <translation>保存并发送到会引擎 (Ctrl+S)</translation>
        </message>
    </context>
    <context>
        <name>MeetingFeedback</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="62" />
            <source>Push again anyway</source>
            <translation>仍然再次推送</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="65" />
            <source>Only if the meeting is not in the 会引擎 app: pushing again may create it twice.</source>
            <translation>仅当会引擎应用中没有此会议时才这样做：再次推送可能会重复创建。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="67" />
            <source>Keep as draft</source>
            <translation>保留为草稿</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="113" />
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="139" />
            <source>Saved offline; will be sent when the gateway is reachable.</source>
            <translation>已离线保存；会引擎可访问时将自动发送。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="115" />
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="132" />
            <source>Saved. Meeting ID: {mice_id}</source>
            <translation>已保存。会议 ID：{mice_id}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="136" />
            <source>Not saved. The meeting is kept here as a draft.</source>
            <translation>未保存。会议已作为草稿保留在这里。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="145" />
            <source>This meeting is already being sent.</source>
            <translation>此会议正在发送中。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_feedback.py" line="166" />
            <source>The meeting could not be saved. What you typed is kept.</source>
            <translation>无法保存会议。您输入的内容已保留。</translation>
        </message>
    </context>
    <context>
        <name>MeetingForm</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="209" />
            <source>e.g. 2025 sales kick-off</source>
            <translation>例如：2025 年销售启动会</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="214" />
            <source>e.g. Training, Conference</source>
            <translation>例如：培训、年会</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="222" />
            <source>Basics</source>
            <translation>基本信息</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="224" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="225" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="226" />
            <source>Organizer</source>
            <translation>办会人</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="227" />
            <source>Meeting ID</source>
            <translation>会议 ID</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="236" />
            <source>Where</source>
            <translation>地点</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="238" />
            <source>Country</source>
            <translation>国家</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="239" />
            <source>Region</source>
            <translation>地区</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="246" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="248" />
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="249" />
            <source>End</source>
            <translation>结束</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="254" />
            <source>Attendees</source>
            <translation>参会人数</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="256" />
            <source>Internal</source>
            <translation>内部</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="257" />
            <source>External</source>
            <translation>外部</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="263" />
            <source>Agenda, venue notes, anything the team should know</source>
            <translation>议程、场地说明，以及团队需要了解的其他事项</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="265" />
            <source>Description</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="457" />
            <source>Sign in to set the organizer</source>
            <translation>登录后设置办会人</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="459" />
            <source>{user} (you)</source>
            <translation>{user}（您）</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="463" />
            <source>User ID: {id}</source>
            <translation>用户 ID：{id}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="470" />
            <source>not yet saved</source>
            <translation>尚未保存</translation>
        </message>
    </context>
    <context>
        <name>MeetingList</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="84" />
            <source>Name</source>
            <translation>会议名称</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="84" />
            <source>Dates</source>
            <translation>日期</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="84" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="84" />
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="124" />
            <source>Meeting ID: {id}</source>
            <translation>会议 ID：{id}</translation>
        </message>
    </context>
    <context>
        <name>MeetingListPane</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="143" />
            <source>My meetings</source>
            <translation>我的会议</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="147" />
            <source>New meeting</source>
            <translation>新建会议</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="149" />
            <source>Start a new meeting (Ctrl+N)</source>
            <translation>新建会议 (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="152" />
            <source>No meetings yet.

Fill in the form: a draft is kept here as you type, and Save sends it.</source>
            <translation>还没有会议。

填写表单时会自动保存草稿，点击“保存”即发送到会引擎。</translation>
        </message>
    </context>
    <context>
        <name>MeetingState</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="46" />
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="47" />
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="48" />
            <source>Queued</source>
            <translation>待发送</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="49" />
            <source>Sending</source>
            <translation>发送中</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="50" />
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meeting_list.py" line="51" />
            <source>Outcome unknown</source>
            <translation>结果未知</translation>
        </message>
    </context>
    <context>
        <name>MeetingsPage</name>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="112" />
            <source>New meeting</source>
            <translation>新建会议</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="116" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="134" />
            <location filename="../../desktop_app/ui/meetings_page.py" line="329" />
            <source>Delete draft</source>
            <translation>删除草稿</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="330" />
            <source>Delete the draft “{name}”?</source>
            <translation>删除草稿“{name}”？</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="331" />
            <source>It has not been sent to the gateway; deleting it cannot be undone.</source>
            <translation>该草稿尚未发送到会引擎，删除后无法恢复。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="398" />
            <source>The draft could not be stored on this computer.</source>
            <translation>无法在此电脑上保存草稿。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="444" />
            <source>Sending to the gateway…</source>
            <translation>正在发送到会引擎…</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="534" />
            <source>Sent. Meeting ID: {mice_id}</source>
            <translation>已发送。会议 ID：{mice_id}</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="543" />
            <source>Kept as a draft. Check the 会引擎 app before saving it again.</source>
            <translation>已保留为草稿。再次保存前请先在会引擎应用中核对。</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/meetings_page.py" line="570" />
            <source>Your session has expired. Sign in again; the meeting is kept and will be sent afterwards.</source>
            <translation>登录已过期。请重新登录；会议已保留，登录后将自动发送。</translation>
        </message>
    </context>
    <context>
        <name>RegionPicker</name>
        <message>
            <location filename="../../desktop_app/ui/region_picker.py" line="126" />
            <source>State or province</source>
            <translation>省/州</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/region_picker.py" line="127" />
            <location filename="../../desktop_app/ui/region_picker.py" line="130" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../desktop_app/ui/region_picker.py" line="129" />
            <source>Province</source>
            <translation>省份</translation>
        </message>
    </context>
    <context>
        <name>_DateTimeField</name>
        <message>
            <location filename="../../desktop_app/ui/meeting_form.py" line="97" />
            <source>Set time</source>
            <translation>设置时间</translation>
        </message>
    </context>
</TS>
