"""The actors stage within one article: entity repair (``repair``) and grouping (``group``)."""
