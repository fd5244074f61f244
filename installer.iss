; TechMICE Desktop — Inno Setup script (Windows). PLACEHOLDER: not buildable yet.
; It will package the one-dir PyInstaller output of packaging/ once that exists; the version
; will come from desktop_app/__init__.py. Nothing here is used by the app or the tests today.
[Setup]
AppName=TechMICE Desktop
AppVersion=0.1.0
DefaultDirName={autopf}\TechMICE Desktop
