"""The desktop suite: tasks on the virtual desktop's own apps (see README.md); ``office`` holds
the LibreOffice oracle helpers the cross suite shares."""
