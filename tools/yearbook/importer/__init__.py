"""Old reports in: recognising the structure of a Word or text report so that it becomes records."""
