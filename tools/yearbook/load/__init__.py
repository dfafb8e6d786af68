"""Reading record files: bytes to text, text to plain data with every node's position kept."""
