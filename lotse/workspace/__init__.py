"""The pages that bring the apps together: the start of the workspace and each district's
home page. They read every domain app and own no models; no domain app imports them."""
