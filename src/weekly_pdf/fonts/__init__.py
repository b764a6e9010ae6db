"""The bundled fonts by role (fonts/manifest.toml, an office's fonts/local/
taking over a role): which font draws each character, checked before a
build, and each font's metrics cached by its sha256 for the typesetter."""
