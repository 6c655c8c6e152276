; Inno Setup script for 党建通: a per-user installer (no administrator needed) in Chinese.
;
;   python build\build.py                          (makes dist\dangjian\dangjian.exe)
;   iscc build\windows\dangjian.iss                (makes dist\dangjian-<version>-setup.exe)
;
; The version is read from the built executable's version resource, which installer.spec writes from
; dangjian_desktop.__version__ (build/freeze.py): ProductVersion "0.1.0" names the installer as build.py
; names the portable zip (dist\dangjian-0.1.0-setup.exe beside dist\dangjian-0.1.0-portable.zip); the
; numeric FileVersion (0.1.0.0) goes into the installer's own version resource.
; Inno Setup 6.5 or later ships Languages\ChineseSimplified.isl; with an older Inno Setup copy
; Languages\Unofficial\ChineseSimplified.isl from its sources into its Languages folder.

#define AppName "党建通"
#define AppExe "dangjian.exe"
; The checkout, from this script's folder (so iscc can be run from any folder).
#define Root AddBackslash(SourcePath) + "..\.."
#define AppBuilt Root + "\dist\dangjian\" + AppExe
#if !FileExists(AppBuilt)
  #error dist\dangjian\dangjian.exe is missing: run python build\build.py first
#endif
#define AppVersion GetFileProductVersionString(AppBuilt)
#define AppNumbers GetVersionNumbersString(AppBuilt)

[Setup]
; A fixed AppId: later versions install over this one and keep the user's data (it is not in {app}).
AppId={{6F4B5A2E-8C1D-4E7A-9B3F-2D5C7E9A1B40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppNumbers}
; Per user: %LOCALAPPDATA%\Programs\dangjian, no UAC prompt on a laptop without an administrator.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\dangjian
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir={#Root}\dist
OutputBaseFilename=dangjian-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\dangjian.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Windows 10 and 11, 64-bit (the PySide6 wheels are 64-bit only).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build. The database lives in %LOCALAPPDATA%\dangjian, never in {app}: a stray
; portable.txt (build.py --portable adds it only while zipping) would move it into {app}, so it is left out.
Source: "{#Root}\dist\dangjian\*"; DestDir: "{app}"; Excludes: "portable.txt"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
