"""The home page's (首页) pieces: big figure cards, warning rows, the small lists."""
