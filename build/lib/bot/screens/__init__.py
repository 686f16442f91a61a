"""Screenshots and pastes: OCR, screenshot layout, LinkedIn paste parsing."""
