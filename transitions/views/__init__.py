"""The caseworker screens of the participation (SPEC §5), one module per screen."""
