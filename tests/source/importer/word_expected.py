"""What the Word test documents of data/ hold, field by field (make_word_docs.py writes
them from these; the tests expect the importer to give them back)."""

from __future__ import annotations

STYLED = {
    "title": "市科协召开“学思想、强党性、重实践、建新功”专题读书班暨青年理论学习小组联学活动推进会",
    "paragraphs": [
        "7月4日，市科协召开专题读书班推进会，总结前一阶段学习情况，部署下一步工作。",
        "会议指出，各党支部要把读书班作为主题教育的重要抓手，做到学思用贯通、知信行统一。",
        "会后，与会人员登录中国科协官网学习了相关材料，并结合岗位实际开展交流研讨。",
        "参训人员按单位统计如下，各单位要按时完成学习任务。",
        "下一步，市科协将持续巩固读书班成果，推动理论学习往深里走、往心里走、往实里走。",
    ],
    "headings": ["一、加强组织领导", "二、强化督促落实"],
    "subheadings": ["（一）完善工作机制", "（二）压实工作责任"],
    "table_caption": "表1 参训人员",
    "table": [["单位", "人数", "备注"], ["市科协机关", "126", ""], ["直属单位", "58", "含新入职人员"]],
    "image_caption": "图为读书班现场",
    "source": "市科协机关党委",
}
#: The body the importer must write, blocks as in the issue file.
STYLED_BODY = [
    STYLED["paragraphs"][0],
    {"heading": "一、加强组织领导"},
    STYLED["paragraphs"][1],
    {"heading": "二、强化督促落实"},
    {"subheading": "（一）完善工作机制"},
    STYLED["paragraphs"][2],
    {"subheading": "（二）压实工作责任"},
    {"table": STYLED["table"], "caption": STYLED["table_caption"]},
    STYLED["paragraphs"][3],
    {"image": "IMAGE", "caption": STYLED["image_caption"]},
    STYLED["paragraphs"][4],
]

PLAIN = {
    "title": "朝阳区科协开展“科技赋能社区”志愿服务活动",
    "paragraphs": [
        "7月1日，朝阳区科协组织科技志愿者走进社区，开展科普讲座和健康咨询活动。",
        "活动邀请三甲医院专家讲解夏季常见病预防知识，现场解答居民提问，发放科普资料。",
        "区科协将科普志愿服务纳入年度重点工作，建立“需求清单”和“服务清单”对接机制。",
        "下一步，区科协将继续深化社区科普，让科学知识走进千家万户。",
    ],
    "headings": ["一、精心组织筹备"],
    "subheadings": ["（一）摸清居民需求"],
    "source": "朝阳区科协",
}
PLAIN_BODY = [
    PLAIN["paragraphs"][0],
    {"heading": PLAIN["headings"][0]},
    PLAIN["paragraphs"][1],
    {"subheading": PLAIN["subheadings"][0]},
    PLAIN["paragraphs"][2],
    {"image": "IMAGE"},
    PLAIN["paragraphs"][3],
]

#: The caption under the picture in the first article of back-issue-tables.docx.
BACK_ISSUE_CAPTION = "图为研讨会现场"
